// The end of a DataUpload, DataDownload, PodVolumeBackup or PodVolumeRestore as a span of the
// Backup's or Restore's trace: the reconcile that stores the terminal phase runs in the trace
// context the resource carries (the step that created it), so `<kind>.end` is a child of that
// step. A Failed one is an error span with an exception event naming the cause, so a failed
// volume shows red in the trace of its Backup or Restore.
import { VeleroLabel } from '@ferry/api';
import { isTerminalPhase } from '@ferry/data-movement';
import { markSpanFailed, TraceAttribute, withSpan } from '@ferry/telemetry';
import type { DataPathResource } from './data-path-resources';
import type { DataPathStore } from './data-path-store';
import { phaseOf } from './resource-marks';

/** Attribute names of a data-path span beyond {@link TraceAttribute}: the resource (Ferry's) and a pod volume (OpenTelemetry's). */
export const DataPathAttribute = {
  Kind: 'ferry.datapath.kind',
  Name: 'ferry.datapath.name',
  PodName: 'k8s.pod.name',
  VolumeName: 'k8s.volume.name',
} as const;

/** String attributes of a span. */
export type SpanAttributes = Readonly<Record<string, string>>;

/** The span name of the end of a resource of `kind` (`dataupload.end`, …). Pure. */
export function dataPathEndSpanName(kind: DataPathResource['kind']): string {
  return `${kind.toLowerCase()}.end`;
}

/** The volume a resource moves: its claim (DU/DD) or its pod's volume (PVB/PVR). */
function volumeAttributes(resource: DataPathResource): SpanAttributes {
  switch (resource.kind) {
    case 'DataUpload':
      return {
        [TraceAttribute.NamespaceName]: resource.spec?.sourceNamespace ?? '',
        [TraceAttribute.PvcName]: resource.spec?.sourcePVC ?? '',
      };
    case 'DataDownload':
      return {
        [TraceAttribute.NamespaceName]: resource.spec?.targetVolume.namespace ?? '',
        [TraceAttribute.PvcName]: resource.spec?.targetVolume.pvc ?? '',
      };
    default:
      return {
        [TraceAttribute.NamespaceName]: resource.spec?.pod.namespace ?? '',
        [DataPathAttribute.PodName]: resource.spec?.pod.name ?? '',
        [DataPathAttribute.VolumeName]: resource.spec?.volume ?? '',
      };
  }
}

/**
 * The attributes of a data-path span: the resource, the volume (namespace, claim or pod volume),
 * the node that moved it, the Backup or Restore it belongs to (Velero's labels) and its phase. Pure.
 */
export function dataPathAttributes(resource: DataPathResource): SpanAttributes {
  const labels = resource.metadata?.labels ?? {};
  const status = resource.status as { node?: string } | undefined;
  const spec = resource.spec as { node?: string } | undefined;
  const node = status?.node || spec?.node;
  const backup = labels[VeleroLabel.BackupName];
  const restore = labels[VeleroLabel.RestoreName];
  return {
    [DataPathAttribute.Kind]: resource.kind,
    [DataPathAttribute.Name]: resource.metadata?.name ?? '',
    ...volumeAttributes(resource),
    ...(node ? { [TraceAttribute.NodeName]: node } : {}),
    ...(backup ? { [TraceAttribute.BackupName]: backup } : {}),
    ...(restore ? { [TraceAttribute.RestoreName]: restore } : {}),
    [TraceAttribute.Phase]: phaseOf(resource),
  };
}

/** Records the `<kind>.end` span of `resource` in the active context; failed with its message when it Failed. */
async function recordEnd(resource: DataPathResource): Promise<void> {
  await withSpan(
    dataPathEndSpanName(resource.kind),
    () => {
      if (phaseOf(resource) === 'Failed') markSpanFailed(resource.status?.message || 'failed without a message', `${resource.kind}Failed`);
    },
    { attributes: dataPathAttributes(resource) },
  );
}

/**
 * `store` whose `update` records a `<kind>.end` span each time it stores a move into a terminal
 * phase (Completed, Failed, Canceled) — once per resource: a replayed result stores no new phase.
 * Reads pass through; results and rejections are `store`'s. Spans go nowhere without an SDK.
 */
export function tracedDataPathStore(store: DataPathStore): DataPathStore {
  return {
    cached: (ref) => store.cached(ref),
    list: (kind) => store.list(kind),
    read: (ref) => store.read(ref),
    update: async (ref, decide, from) => {
      let wasTerminal = false;
      const after = await store.update(
        ref,
        (current) => {
          wasTerminal = isTerminalPhase(phaseOf(current));
          return decide(current);
        },
        from,
      );
      if (after && !wasTerminal && isTerminalPhase(phaseOf(after))) await recordEnd(after);
      return after;
    },
  };
}
