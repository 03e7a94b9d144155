import { randomBytes } from 'node:crypto';
import type { CoreV1Api, KubernetesObject } from '@kubernetes/client-node';
import { toKubeError, type KubeLogger } from '@ferry/kube';

/** `Normal` or `Warning`, as core/v1 Events type them. */
export type EventType = 'Normal' | 'Warning';

/** Records core/v1 Events about objects, as the component a real cluster would name. */
export interface EventRecorder {
  /**
   * Emits the event once per object UID, reason and message (a reconcile loop may call it every
   * pass). Cluster-scoped objects get their events in `default`. Never throws: a failed write is
   * logged and forgotten (events are best effort, as in Kubernetes).
   */
  record(object: KubernetesObject, type: EventType, reason: string, message: string): Promise<void>;
}

/** An `EventRecorder` writing through `core` with `component` as the event source. */
export function createEventRecorder(core: CoreV1Api, component: string, logger: KubeLogger): EventRecorder {
  const emitted = new Set<string>();
  return {
    async record(object, type, reason, message) {
      const metadata = object.metadata ?? {};
      const key = `${metadata.uid ?? metadata.name}\0${reason}\0${message}`;
      if (emitted.has(key)) return;
      emitted.add(key);
      const namespace = metadata.namespace ?? 'default';
      const now = new Date();
      try {
        await core.createNamespacedEvent({
          namespace,
          body: {
            metadata: { name: `${metadata.name ?? 'object'}.${randomBytes(8).toString('hex')}`, namespace },
            involvedObject: {
              apiVersion: object.apiVersion,
              kind: object.kind,
              name: metadata.name,
              namespace: metadata.namespace,
              uid: metadata.uid,
              resourceVersion: metadata.resourceVersion,
            },
            type,
            reason,
            message,
            source: { component },
            reportingComponent: component,
            reportingInstance: component,
            firstTimestamp: now,
            lastTimestamp: now,
            count: 1,
          },
        });
      } catch (error) {
        emitted.delete(key);
        logger.warn({ reason, object: `${namespace}/${metadata.name}`, err: toKubeError(error, 'create event').message }, 'event not recorded');
      }
    },
  };
}
