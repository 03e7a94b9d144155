// Sections Velero's backup and restore describers share: results (warnings/errors), the resource
// list, item operations and the pod-volume groups by phase and pod. Pure.
import type { BackupResult } from '@ferry/backup';
import { goTime } from '../format/go-values';
import type { Describer } from './describer';
import type { Fetched } from './fetched-document';

/** Velero's `velero.ResourceIdentifier` as the operations documents store it. */
export interface OperationResource {
  readonly Group?: string;
  readonly Resource?: string;
  readonly Namespace?: string;
  readonly Name?: string;
}

/** One entry of an `…-itemoperations.json.gz` document (backup or restore). */
export interface ItemOperation {
  readonly spec: {
    readonly backupItemAction?: string;
    readonly restoreItemAction?: string;
    readonly resourceIdentifier: OperationResource;
    readonly operationID: string;
    readonly postOperationItems?: readonly OperationResource[] | null;
  };
  readonly status: {
    readonly phase?: string;
    readonly error?: string;
    readonly nCompleted?: number;
    readonly nTotal?: number;
    readonly operationUnits?: string;
    readonly description?: string;
    readonly created?: string;
    readonly started?: string;
    readonly updated?: string;
  };
}

/** A group-resource as Go's `schema.GroupResource.String()` prints it. */
const groupResource = (id: OperationResource): string => (id.Group ? `${id.Resource ?? ''}.${id.Group}` : (id.Resource ?? ''));

/** `describeResult`: Velero, Cluster and per-namespace messages (namespaces sorted). */
export function describeResult(d: Describer, name: string, result: BackupResult | undefined): void {
  d.print(`${name}:\n`);
  d.slice(1, 'Velero', result?.velero);
  d.slice(1, 'Cluster', result?.cluster);
  const namespaces = Object.keys(result?.namespaces ?? {}).sort();
  if (namespaces.length === 0) {
    d.print('\tNamespaces: <none>\n');
    return;
  }
  d.print('\tNamespaces:\n');
  for (const namespace of namespaces) d.slice(2, namespace, result?.namespaces[namespace]);
}

/** `describe…ResourceList`: `Resource List:` with each group/version/kind (sorted) and its items. */
export function describeResourceList(d: Describer, noun: 'backup' | 'restore', list: Fetched<Record<string, string[]>>): void {
  if (list.state === 'not-found') {
    d.line(`Resource List:\t<${noun} resource list not found>`);
    return;
  }
  if (list.state === 'error') {
    d.print(`Resource List:\t<error getting ${noun} resource list: ${list.message}>\n`);
    return;
  }
  d.line('Resource List:');
  for (const kind of Object.keys(list.value).sort()) {
    d.print(`\t${kind}:\n\t\t- ${(list.value[kind] ?? []).join('\n\t\t- ')}\n`);
  }
}

/** `describe…ItemOperations` with `--details`: every operation of the document. */
export function describeItemOperations(d: Describer, title: 'Backup' | 'Restore', operations: Fetched<ItemOperation[]>): void {
  if (operations.state !== 'ok') {
    const message = operations.state === 'error' ? operations.message : 'file not found';
    d.print(`${title} Item Operations:\t<error getting operation info: ${message}>\n`);
    return;
  }
  d.print(`${title} Item Operations:\n`);
  for (const operation of operations.value) describeItemOperation(d, title, operation);
}

function describeItemOperation(d: Describer, title: 'Backup' | 'Restore', operation: ItemOperation): void {
  const { spec, status } = operation;
  const id = spec.resourceIdentifier;
  d.print(`\tOperation for ${groupResource(id)} ${id.Namespace ?? ''}/${id.Name ?? ''}:\n`);
  d.print(`\t\t${title} Item Action Plugin:\t${(title === 'Backup' ? spec.backupItemAction : spec.restoreItemAction) ?? ''}\n`);
  d.print(`\t\tOperation ID:\t${spec.operationID}\n`);
  if (title === 'Backup' && spec.postOperationItems && spec.postOperationItems.length > 0) {
    d.print('\t\tItems to Update:\n');
    for (const item of spec.postOperationItems) d.print(`\t\t\t${groupResource(item)} ${item.Namespace ?? ''}/${item.Name ?? ''}\n`);
  }
  d.print(`\t\tPhase:\t${status.phase ?? ''}\n`);
  if (status.error) d.print(`\t\tOperation Error:\t${status.error}\n`);
  if ((status.nTotal ?? 0) > 0 || (status.nCompleted ?? 0) > 0) {
    d.print(`\t\tProgress:\t${status.nCompleted ?? 0} of ${status.nTotal ?? 0} complete (${status.operationUnits ?? ''})\n`);
  }
  if (status.description) d.print(`\t\tProgress description:\t${status.description}\n`);
  for (const [label, value] of [
    ['Created', status.created],
    ['Started', status.started],
    ['Updated', status.updated],
  ] as const) {
    const time = goTime(value);
    if (time) d.print(`\t\t${label}:\t${time}\n`);
  }
}

/** What the pod-volume sections need of a PodVolumeBackup or PodVolumeRestore. */
export interface PodVolumeFacts {
  readonly podNamespace: string;
  readonly podName: string;
  readonly volume: string;
  readonly phase: string | undefined;
  readonly totalBytes: number;
  readonly bytesDone: number;
  readonly incrementalBytes: number;
}

const inProgressGroup = 'In Progress';

/** Velero's phase group of a pod volume: `In Progress` for InProgress, `New` for none. */
export function podVolumeGroup(phase: string | undefined): string {
  if (!phase) return 'New';
  return phase === 'InProgress' ? inProgressGroup : phase;
}

/** One pod's volumes of a phase group: `ns/pod` and each volume's label (`vol (size: …)`). */
export interface PodVolumeGroup {
  readonly pod: string;
  readonly volumes: readonly string[];
}

/** `volumesByPod` of one phase group: pods in the order first seen, each pod's volume labels in order. */
export function podVolumeGroups(volumes: readonly PodVolumeFacts[], group: string): PodVolumeGroup[] {
  const byPod = new Map<string, string[]>();
  for (const volume of volumes) {
    const key = `${volume.podNamespace}/${volume.podName}`;
    byPod.set(key, [...(byPod.get(key) ?? []), volumeLabel(volume, group)]);
  }
  return [...byPod].map(([pod, labels]) => ({ pod, volumes: labels }));
}

/** `volumesByPod.Sorted()` as the text describers print it: `ns/pod: vol (…), vol` lines, pods and volumes sorted. */
export function podVolumeLines(volumes: readonly PodVolumeFacts[], group: string): string[] {
  return podVolumeGroups(volumes, group)
    .sort((a, b) => (a.pod < b.pod ? -1 : a.pod > b.pod ? 1 : 0))
    .map(({ pod, volumes: labels }) => `${pod}: ${[...labels].sort().join(', ')}`);
}

function volumeLabel(volume: PodVolumeFacts, group: string): string {
  if (group === inProgressGroup && volume.totalBytes !== 0) {
    return `${volume.volume} (${((volume.bytesDone / volume.totalBytes) * 100).toFixed(2)}%)`;
  }
  if (group === 'Completed' && volume.incrementalBytes > 0) {
    return `${volume.volume} (size: ${volume.totalBytes}, incremental size: ${volume.incrementalBytes})`;
  }
  if (group === 'Completed' && volume.totalBytes > 0) return `${volume.volume} (size: ${volume.totalBytes})`;
  return volume.volume;
}
