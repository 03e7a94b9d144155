// core/v1 Events about objects, written best effort (as in Kubernetes: a failed write is logged
// and forgotten, never thrown into the caller).
import { randomBytes } from 'node:crypto';
import { toKubeError, type KubeClient, type KubeLogger, type KubeObject } from '@ferry/kube';
import { ExposerServiceError, ExposerServiceErrorCode } from './errors';

/** `Normal` or `Warning`, as core/v1 Events type them. */
export type EventType = 'Normal' | 'Warning';

/** Event reasons the exposer service records (a fixed vocabulary). */
export const ExposerEventReason = {
  /** The node-agent ConfigMap was rejected or deleted; the last good configuration stays in effect. */
  InvalidNodeAgentConfig: 'InvalidNodeAgentConfig',
  /** A new node-agent configuration was applied. */
  NodeAgentConfigApplied: 'NodeAgentConfigApplied',
} as const;
/** One of {@link ExposerEventReason}. */
export type ExposerEventReason = (typeof ExposerEventReason)[keyof typeof ExposerEventReason];

/** Records Events about objects under one component name. */
export interface EventRecorder {
  /**
   * Writes one Event in the object's namespace. Resolves once written or once the failure is
   * logged; never rejects.
   */
  record(object: KubeObject, type: EventType, reason: ExposerEventReason, message: string): Promise<void>;
}

/** An `EventRecorder` writing through `client.core` with `component` as the source. */
export function createEventRecorder(client: KubeClient, component: string, logger: KubeLogger): EventRecorder {
  return {
    async record(object, type, reason, message) {
      const metadata = object.metadata ?? {};
      const namespace = metadata.namespace ?? 'default';
      const now = new Date();
      try {
        await client.core.createNamespacedEvent({
          namespace,
          body: {
            metadata: { name: `${metadata.name ?? 'object'}.${randomBytes(8).toString('hex')}`, namespace },
            involvedObject: { apiVersion: object.apiVersion, kind: object.kind, name: metadata.name, namespace: metadata.namespace, uid: metadata.uid, resourceVersion: metadata.resourceVersion },
            type,
            reason,
            // The API server caps Event messages at 1024 bytes.
            message: message.length > 1000 ? `${message.slice(0, 997)}...` : message,
            source: { component },
            reportingComponent: component,
            reportingInstance: component,
            firstTimestamp: now,
            lastTimestamp: now,
            count: 1,
          },
        });
      } catch (error) {
        const failure = new ExposerServiceError(ExposerServiceErrorCode.EventNotRecorded, `cannot record event ${reason} on ${namespace}/${metadata.name ?? ''}`, {
          cause: toKubeError(error, 'create event'),
          retryable: true,
        });
        logger.warn({ code: failure.code, reason, err: failure.message, cause: (failure.cause as Error).message }, 'event not recorded');
      }
    },
  };
}
