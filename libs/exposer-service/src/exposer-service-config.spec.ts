import { exposeResultSchema } from '@ferry/contracts';
import { createNodeAgentConfigTracker } from './exposer-http-routes';
import { readExposerServiceSettings } from './exposer-service-config';
import { buildExposeResult } from './exposure-timing';

describe('exposer service config - environment', () => {
  it('defaults to a 30 minute prepare timeout and no ConfigMap', () => {
    expect(readExposerServiceSettings({})).toEqual({ prepareTimeoutMs: 30 * 60_000, podImage: 'ferry/ferry:latest' });
  });

  it('reads the ConfigMap name, the timeout, the job ack wait and the pod image', () => {
    expect(
      readExposerServiceSettings({
        FERRY_NODE_AGENT_CONFIGMAP: 'node-agent-config',
        FERRY_PREPARE_TIMEOUT: '90s',
        FERRY_EXPOSER_JOB_ACK_WAIT: '3s',
        FERRY_EXPOSER_POD_IMAGE: 'ferry/mover:1',
      }),
    ).toEqual({ nodeAgentConfigMap: 'node-agent-config', prepareTimeoutMs: 90_000, jobAckWaitMs: 3000, podImage: 'ferry/mover:1' });
  });

  it('names the variable and the fix for a bad timeout', () => {
    expect(() => readExposerServiceSettings({ FERRY_PREPARE_TIMEOUT: '30 minutes' })).toThrow(
      'FERRY_PREPARE_TIMEOUT="30 minutes" is not a positive duration: use a Go duration such as 30m, 90s or 1h30m',
    );
    expect(() => readExposerServiceSettings({ FERRY_EXPOSER_JOB_ACK_WAIT: 'soon' })).toThrow(
      /^FERRY_EXPOSER_JOB_ACK_WAIT="soon" is not a positive duration/,
    );
  });
});

describe('exposer service config - tracker and contract', () => {
  it('keeps the last applied version and the last rejection side by side', () => {
    let clock = 0;
    const tracker = createNodeAgentConfigTracker('velero/node-agent', () => new Date(clock));
    tracker.onApplied({ dataKey: 'config', document: {} }, []);
    clock = 5000;
    tracker.onRejected([{ severity: 'error', code: 'INVALID_JSON', path: 'data.config', message: 'bad', fix: 'fix it' } as never]);
    const status = tracker.status();
    expect(status).toMatchObject({
      configMap: 'velero/node-agent',
      appliedAt: '1970-01-01T00:00:00.000Z',
      lastRejection: { at: '1970-01-01T00:00:05.000Z' },
    });
    expect(status.effective?.dataKey).toBe('config');
  });

  it('builds results the expose.result contract accepts', () => {
    const op = { kind: 'DataUpload', namespace: 'velero', name: 'du-1' } as const;
    const diagnosis = {
      findings: [{ object: 'PersistentVolumeClaim' as const, name: 'du-1', state: 'Pending', problem: 'x', details: ['y'] }],
      cause: 'x',
    };
    expect(exposeResultSchema.safeParse(buildExposeResult(op, { outcome: 'timed-out', cause: 'c', diagnosis }, new Date())).success).toBe(
      true,
    );
  });
});
