// core/v1 Events about objects, written best effort (as in Kubernetes: a failed write is logged
// and forgotten, never thrown into the caller). A write the API server refuses for the moment
// (429 from priority and fairness, 503) is tried again a few times, as client-go's event
// broadcaster does: an Event is often the only place a resource's author sees why it failed.
import { randomBytes } from 'node:crypto';
import type { CoreV1Event } from '@kubernetes/client-node';
import { toKubeError } from './error-mapper';
import { KubeErrorCode, type KubeError } from './errors';
import type { KubeClient } from './kube-client';
import type { KubeLogger } from './kube-logger';
import type { KubeObject } from './kube-object';

/** `Normal` or `Warning`, as core/v1 Events type them. */
export type EventType = 'Normal' | 'Warning';

/** Records Events about objects under one component name. */
export interface EventRecorder {
  /**
   * Writes one Event in the object's namespace (cluster-scoped objects: `default`), once per object
   * version, reason and message, so a reconcile loop calling it every pass records it once (the last
   * 4096 Events are remembered).
   * Resolves once written or once the failure is logged; never rejects.
   */
  record(object: KubeObject, type: EventType, reason: string, message: string): Promise<void>;
}

// The API server caps Event messages at 1024 bytes.
const maxMessageLength = 1000;
// Waits before the attempts after the first (client-go's broadcaster tries 12 times, 10 s apart;
// a reconcile awaits its Event, so Ferry waits less).
const retryDelaysMs: readonly number[] = [200, 1000, 3000];

/** Whether writing the Event again can succeed: the API server was busy or unavailable. */
function worthRetrying(error: KubeError): boolean {
  return error.code === KubeErrorCode.TooManyRequests || error.code === KubeErrorCode.Unavailable;
}
// Events remembered for deduplication; the oldest is forgotten beyond this (a long-running
// controller must not grow without bound; an Event repeated after that many others is harmless).
const maxRemembered = 4096;

/** An {@link EventRecorder} writing through `client.core` with `component` as the event source. */
export function createEventRecorder(client: Pick<KubeClient, 'core'>, component: string, logger: KubeLogger): EventRecorder {
  const recorded = new Set<string>();
  return {
    async record(object, type, reason, message) {
      const metadata = object.metadata ?? {};
      const key = [metadata.uid ?? metadata.name, metadata.resourceVersion, reason, message].join('\0');
      if (recorded.has(key)) return;
      if (recorded.size >= maxRemembered) recorded.delete(recorded.values().next().value ?? '');
      recorded.add(key);
      const namespace = metadata.namespace ?? 'default';
      const now = new Date();
      const body = {
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
        message: message.length > maxMessageLength ? `${message.slice(0, maxMessageLength - 3)}...` : message,
        source: { component },
        reportingComponent: component,
        reportingInstance: component,
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
      };
      const failure = await writeEvent(client, namespace, body);
      if (failure === undefined) return;
      recorded.delete(key);
      logger.warn({ reason, object: `${namespace}/${metadata.name ?? ''}`, err: failure.message }, 'event not recorded');
    },
  };
}

/** Creates the Event, again after a pause while the API server is busy; the last failure, or undefined once written. */
async function writeEvent(client: Pick<KubeClient, 'core'>, namespace: string, body: CoreV1Event): Promise<KubeError | undefined> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await client.core.createNamespacedEvent({ namespace, body });
      return undefined;
    } catch (error) {
      const failure = toKubeError(error, 'create event');
      const delayMs = retryDelaysMs[attempt];
      if (delayMs === undefined || !worthRetrying(failure)) return failure;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
