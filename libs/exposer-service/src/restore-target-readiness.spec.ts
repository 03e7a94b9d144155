import type { PersistentVolumeClaim } from '@ferry/exposer';
import { parseNodeAgentConfigOrThrow } from '@ferry/node-agent-config';
import type { RestoreExposureApi } from './restore-exposure-api';
import { ignoresDelayBinding, restorePodTemplate, selectorLabelsOf, targetReadiness } from './restore-target-readiness';

const config = (json: object) =>
  parseNodeAgentConfigOrThrow({ metadata: { name: 'cfg', namespace: 'velero' }, data: { 'config.json': JSON.stringify(json) } });

function fakeApi(pvc: PersistentVolumeClaim | undefined, modes: Record<string, string>): RestoreExposureApi {
  return {
    findPvc: () => Promise.resolve(pvc),
    bindingModeOf: (name: string) => Promise.resolve(modes[name]),
  } as Partial<RestoreExposureApi> as RestoreExposureApi;
}

const claim = (overrides: { className?: string; node?: string; volumeName?: string; phase?: string } = {}): PersistentVolumeClaim => ({
  metadata: {
    name: 'data',
    namespace: 'app',
    ...(overrides.node ? { annotations: { 'volume.kubernetes.io/selected-node': overrides.node } } : {}),
  },
  spec: { storageClassName: overrides.className ?? 'standard', ...(overrides.volumeName ? { volumeName: overrides.volumeName } : {}) },
  status: { phase: overrides.phase ?? 'Pending' },
});

const modes = { standard: 'Immediate', fast: 'WaitForFirstConsumer' };
const target = { namespace: 'app', name: 'data' };

describe('restore target readiness - target PVC states', () => {
  it.each([
    ['missing PVC', undefined, false, { kind: 'wait', waitingFor: 'target PVC app/data to be created' }],
    ['Immediate class', claim(), false, { kind: 'ready' }],
    ['bound PVC', claim({ phase: 'Bound', volumeName: 'pv-1' }), false, { kind: 'bound' }],
    [
      'missing class',
      claim({ className: 'gone' }),
      false,
      { kind: 'wait', waitingFor: 'storage class gone of target PVC app/data to exist' },
    ],
    ['WFFC without selected node', claim({ className: 'fast' }), false, { kind: 'wait' }],
    ['WFFC with ignoreDelayBinding', claim({ className: 'fast' }), true, { kind: 'ready' }],
    ['WFFC with selected node', claim({ className: 'fast', node: 'n1' }), false, { kind: 'ready', selectedNode: 'n1' }],
  ])('%s', async (_name, pvc, ignore, expected) => {
    expect(await targetReadiness(fakeApi(pvc, modes), target, ignore)).toMatchObject(expected);
  });

  it('names the selected-node wait and the class', async () => {
    const result = await targetReadiness(fakeApi(claim({ className: 'fast' }), modes), target, false);
    expect(result.kind === 'wait' && result.waitingFor).toMatch(
      /selected node on target PVC app\/data .*class fast is WaitForFirstConsumer/,
    );
  });

  it('says how to fix a bound target', async () => {
    const result = await targetReadiness(fakeApi(claim({ phase: 'Bound', volumeName: 'pv-1' }), modes), target, false);
    expect(result.kind === 'bound' && result.message).toBe(
      'target PVC app/data is already bound to pv-1: restoring would not reach it; delete it and let the restore recreate it unbound',
    );
  });
});

describe('restore target readiness - configuration', () => {
  it('reads ignoreDelayBinding', () => {
    expect(ignoresDelayBinding(undefined)).toBe(false);
    expect(ignoresDelayBinding(config({ restorePVC: { ignoreDelayBinding: true } }))).toBe(true);
  });

  it('lays loadAffinity, resources, priority class and pod labels over the base template', () => {
    const base = { image: 'velero', serviceAccountName: 'velero', labels: { inherited: 'yes' } };
    const template = restorePodTemplate(
      base,
      config({
        loadAffinity: [{ nodeSelector: { matchLabels: { zone: 'a' } }, storageClass: 'fast' }],
        podResources: { cpuRequest: '100m', cpuLimit: '0', memoryRequest: '64Mi', memoryLimit: '0' },
        priorityClassName: 'high',
        podLabels: { team: 'storage' },
      }),
      'fast',
    );
    expect(template).toMatchObject({
      image: 'velero',
      nodeAffinityTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }],
      resources: { requests: { cpu: '100m', memory: '64Mi' } },
      priorityClassName: 'high',
      labels: { team: 'storage' },
    });
    expect(restorePodTemplate(base, undefined, 'fast')).toEqual(base);
  });

  it('takes the selector matchLabels of the target', () => {
    const pvc = {
      metadata: {},
      spec: { selector: { matchLabels: { 'velero.io/dynamic-pv-restore': 'app.data.x1' } } },
    } as PersistentVolumeClaim;
    expect(selectorLabelsOf(pvc)).toEqual({ 'velero.io/dynamic-pv-restore': 'app.data.x1' });
    expect(selectorLabelsOf(claim())).toEqual({});
  });
});
