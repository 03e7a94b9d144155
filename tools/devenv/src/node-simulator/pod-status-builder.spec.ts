import type { V1Pod } from '@kubernetes/client-node';
import { isReportedRunning, qosClassOf, runningPodStatus } from './pod-status-builder';

const pod = (resources?: object, init = false): V1Pod => ({
  metadata: { name: 'p', uid: 'u1' },
  spec: {
    containers: [{ name: 'main', image: 'busybox', resources }],
    initContainers: init ? [{ name: 'setup', image: 'busybox' }] : undefined,
  },
});

describe('pod status builder - QoS', () => {
  it.each([
    [undefined, 'BestEffort'],
    [{ requests: { cpu: '1' } }, 'Burstable'],
    [{ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } }, 'Guaranteed'],
    [{ limits: { cpu: '1', memory: '1Gi' } }, 'Guaranteed'],
    [{ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '1Gi' } }, 'Burstable'],
  ])('%o → %s', (resources, expected) => {
    expect(qosClassOf(pod(resources))).toBe(expected);
  });
});

describe('pod status builder - running status', () => {
  const now = new Date('2026-11-21T10:00:00Z');

  it('reports Running with IPs, conditions and running containers', () => {
    const status = runningPodStatus(pod(undefined, true), { hostIp: '10.0.0.1', podIp: '10.244.0.5', now });
    expect(status).toMatchObject({ phase: 'Running', hostIP: '10.0.0.1', podIP: '10.244.0.5', startTime: now, qosClass: 'BestEffort' });
    expect(status.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
    expect(status.containerStatuses?.[0]).toMatchObject({
      name: 'main',
      ready: true,
      started: true,
      state: { running: { startedAt: now } },
    });
    expect(status.containerStatuses?.[0]?.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(status.initContainerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(isReportedRunning({ ...pod(), status })).toBe(true);
  });

  it('keeps an earlier start time', () => {
    const earlier = new Date('2026-11-20T00:00:00Z');
    expect(runningPodStatus({ ...pod(), status: { startTime: earlier } }, { hostIp: 'h', podIp: 'p', now }).startTime).toBe(earlier);
    expect(isReportedRunning(pod())).toBe(false);
  });
});
