// Span attributes of Ferry's objects: OpenTelemetry's Kubernetes resource conventions where one
// exists, Velero's object names where none does, and the way a step marks its span failed when
// the failure is an outcome written to a status rather than a thrown error.
import { SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';

/** Attribute names of Ferry's spans. */
export const TraceAttribute = {
  BackupName: 'velero.backup.name',
  BackupUid: 'velero.backup.uid',
  RestoreName: 'velero.restore.name',
  RestoreUid: 'velero.restore.uid',
  /** Phase the step left the object in. */
  Phase: 'velero.phase',
  NamespaceName: 'k8s.namespace.name',
  PvcName: 'k8s.pvc.name',
  NodeName: 'k8s.node.name',
} as const;

/** What {@link objectAttributes} reads of an object. */
export interface TracedObjectMeta {
  readonly name?: string | undefined;
  readonly namespace?: string | undefined;
  readonly uid?: string | undefined;
}

/** The attributes of a Backup (`kind` `backup`) or Restore: its name, uid and namespace. Pure. */
export function objectAttributes(kind: 'backup' | 'restore', metadata: TracedObjectMeta | undefined): Attributes {
  const [name, uid] =
    kind === 'backup' ? [TraceAttribute.BackupName, TraceAttribute.BackupUid] : [TraceAttribute.RestoreName, TraceAttribute.RestoreUid];
  return {
    ...(metadata?.name ? { [name]: metadata.name } : {}),
    ...(metadata?.uid ? { [uid]: metadata.uid } : {}),
    ...(metadata?.namespace ? { [TraceAttribute.NamespaceName]: metadata.namespace } : {}),
  };
}

/**
 * Marks `span` (default: the active one) failed with `reason` and an `exception` event, for a
 * failure that ends in an object's status instead of a thrown error. Nothing without a span.
 */
export function markSpanFailed(reason: string, errorType: string, span: Span | undefined = trace.getActiveSpan()): void {
  if (!span) return;
  span.addEvent('exception', { 'exception.type': errorType, 'exception.message': reason });
  span.setAttribute('error.type', errorType);
  span.setStatus({ code: SpanStatusCode.ERROR, message: reason });
}
