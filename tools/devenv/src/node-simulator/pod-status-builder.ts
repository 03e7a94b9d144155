import { createHash } from 'node:crypto';
import type { V1Container, V1Pod, V1PodCondition, V1PodStatus } from '@kubernetes/client-node';

/** Where and when the simulated kubelet started a pod. */
export interface PodRunInfo {
  readonly hostIp: string;
  readonly podIp: string;
  readonly now: Date;
}

/**
 * The QoS class Kubernetes derives from requests and limits: Guaranteed when every container sets
 * equal cpu and memory requests and limits, BestEffort when none sets any, Burstable otherwise. Pure.
 */
export function qosClassOf(pod: V1Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers: V1Container[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  const hasAny = containers.some((c) => Object.keys(c.resources?.requests ?? {}).length || Object.keys(c.resources?.limits ?? {}).length);
  if (!hasAny) return 'BestEffort';
  const guaranteed = containers.every((c) =>
    ['cpu', 'memory'].every((resource) => {
      const limit = c.resources?.limits?.[resource];
      const request = c.resources?.requests?.[resource] ?? limit;
      return limit !== undefined && String(request) === String(limit);
    }),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/**
 * The status a kubelet reports once every container of `pod` runs: phase Running, host and pod
 * IPs, the five conditions True, each container running since `now` (init containers completed).
 * Keeps an earlier `startTime`. Pure.
 */
export function runningPodStatus(pod: V1Pod, run: PodRunInfo): V1PodStatus {
  const startTime = pod.status?.startTime ?? run.now;
  const condition = (type: string): V1PodCondition => ({ type, status: 'True', lastTransitionTime: run.now });
  const uid = pod.metadata?.uid ?? '';
  const containerId = (name: string) => `containerd://${sha256(`${uid}/${name}`)}`;
  return {
    ...pod.status,
    phase: 'Running',
    hostIP: run.hostIp,
    hostIPs: [{ ip: run.hostIp }],
    podIP: run.podIp,
    podIPs: [{ ip: run.podIp }],
    startTime,
    qosClass: qosClassOf(pod),
    conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(condition),
    initContainerStatuses: (pod.spec?.initContainers ?? []).map((container) => ({
      name: container.name,
      image: container.image ?? '',
      imageID: imageId(container.image),
      containerID: containerId(container.name),
      ready: true,
      started: false,
      restartCount: 0,
      state: {
        terminated: { exitCode: 0, reason: 'Completed', startedAt: run.now, finishedAt: run.now, containerID: containerId(container.name) },
      },
    })),
    containerStatuses: (pod.spec?.containers ?? []).map((container) => ({
      name: container.name,
      image: container.image ?? '',
      imageID: imageId(container.image),
      containerID: containerId(container.name),
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: run.now } },
    })),
  };
}

/** True when the pod already carries the running status this kubelet would write. Pure. */
export function isReportedRunning(pod: V1Pod): boolean {
  return (
    pod.status?.phase === 'Running' &&
    Boolean(pod.status.podIP) &&
    (pod.status.containerStatuses?.length ?? 0) === (pod.spec?.containers.length ?? 0)
  );
}

function imageId(image: string | undefined): string {
  return `${image ?? 'unknown'}@sha256:${sha256(image ?? '')}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
