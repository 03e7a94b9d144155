// What Velero's finalized backup tarball holds for a Backup's CSI volumes, computed from the
// objects Ferry's volume step created after the resources were collected. Velero writes them in two
// moments: during the item backup the CSI PVC action labels the claim and returns the VolumeSnapshot
// as an additional item (kept snapshots), whose action returns its VolumeSnapshotContent and
// VolumeSnapshotClass; at finalizing (pkg/backup/backup.go FinalizeBackup) the operations'
// PostOperationItems — the DataUploads, the VolumeSnapshots and their contents — are read again and
// replace their entries. So the tarball ends with:
// - moved data: each DataUpload (velero.io/v2alpha1) in its final state; the snapshot itself is not
//   in it. Velero's restore turns that item into the DataUploadResult ConfigMap.
// - kept snapshot: the VolumeSnapshot with the annotations its action patched on it (deletion
//   policy, handle and driver, restore size, group handle), the content labelled with the Backup's
//   name, and the class (must-include when it names a lister secret).
// The resource list is written before finalizing, so it gains the kept snapshots' three kinds and
// never the DataUploads. Pure.
import type { Backup, DataUpload, VolumeSnapshot, VolumeSnapshotClass, VolumeSnapshotContent } from '@ferry/api';
import { VeleroLabel } from '@ferry/api';
import type { ObjectJson } from '../collection/additional-items';
import { itemEntryNames, ResourceListBuilder } from '../collection/item-archive';
import { veleroLabelValue } from '../labels/label-value';
import { binarySIQuantity } from './binary-si-quantity';
import type { ClaimSnapshotRefs } from './finalized-claim';

/** Velero's annotations on a backed-up VolumeSnapshot (and `must-include` on a class with a lister secret). */
export const CsiSnapshotAnnotation = {
  DeletionPolicy: 'velero.io/csi-vsc-deletion-policy',
  SnapshotHandle: 'velero.io/csi-volumesnapshot-handle',
  DriverName: 'velero.io/csi-driver-name',
  RestoreSize: 'velero.io/csi-volumesnapshot-restore-size',
  GroupSnapshotHandle: 'velero.io/csi-volumegroupsnapshot-handle',
  MustIncludeAdditionalItems: 'backup.velero.io/must-include-additional-items',
  ListerSecretName: 'csi.storage.k8s.io/snapshotter-list-secret-name',
  ListerSecretNamespace: 'csi.storage.k8s.io/snapshotter-list-secret-namespace',
} as const;

/** One object of the finalized tarball and where Velero's item backupper puts it. */
export interface FinalizedItem {
  readonly groupResource: string;
  readonly version: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly object: ObjectJson;
}

/** The Backup's volume objects at finalizing, as read from the cluster. */
export interface FinalizeVolumesInput {
  readonly backup: Backup;
  readonly dataUploads: readonly DataUpload[];
  readonly snapshots: readonly VolumeSnapshot[];
  readonly contents: readonly VolumeSnapshotContent[];
  readonly classes: readonly VolumeSnapshotClass[];
}

/** The finalized tarball's volume items, the claims to relabel and the resource-list additions. */
export interface FinalizedVolumeItems {
  readonly items: readonly FinalizedItem[];
  /** Keyed `<namespace>/<name>` of the claim. */
  readonly claims: ReadonlyMap<string, ClaimSnapshotRefs>;
  /** `{"<group/version>/<Kind>": ["ns/name" | "name", …]}`, each list sorted. */
  readonly resourceListAdditions: Record<string, string[]>;
}

const snapshotGroup = 'snapshot.storage.k8s.io';

const metaOf = (object: { metadata?: { name?: string | undefined; namespace?: string | undefined } | undefined }) => ({
  name: object.metadata?.name ?? '',
  namespace: object.metadata?.namespace ?? '',
});

function item(resource: string, group: string, version: string, kind: string, object: object): FinalizedItem {
  const apiVersion = `${group}/${version}`;
  return { groupResource: `${resource}.${group}`, version, apiVersion, kind, ...metaOf(object), object: { ...object, apiVersion, kind } };
}

function withAnnotations(object: object, added: Record<string, string>): ObjectJson {
  const source = object as ObjectJson & { metadata?: { annotations?: Record<string, string> } };
  const metadata = source.metadata ?? {};
  return { ...source, metadata: { ...metadata, annotations: { ...metadata.annotations, ...added } } };
}

/** The annotations Velero's VolumeSnapshot action reads from the content and patches on the snapshot. */
function snapshotAnnotations(content: VolumeSnapshotContent): Record<string, string> {
  const annotations: Record<string, string> = { [CsiSnapshotAnnotation.DeletionPolicy]: content.spec.deletionPolicy };
  const status = content.status;
  if (status?.snapshotHandle !== undefined) {
    annotations[CsiSnapshotAnnotation.SnapshotHandle] = status.snapshotHandle;
    annotations[CsiSnapshotAnnotation.DriverName] = content.spec.driver;
  }
  if (status?.restoreSize !== undefined) annotations[CsiSnapshotAnnotation.RestoreSize] = binarySIQuantity(status.restoreSize);
  if (status?.volumeGroupSnapshotHandle !== undefined)
    annotations[CsiSnapshotAnnotation.GroupSnapshotHandle] = status.volumeGroupSnapshotHandle;
  return annotations;
}

function classItem(snapshotClass: VolumeSnapshotClass): FinalizedItem {
  const annotations = snapshotClass.metadata?.annotations ?? {};
  const listerSecret =
    annotations[CsiSnapshotAnnotation.ListerSecretName] !== undefined &&
    annotations[CsiSnapshotAnnotation.ListerSecretNamespace] !== undefined;
  const object = listerSecret
    ? withAnnotations(snapshotClass, { [CsiSnapshotAnnotation.MustIncludeAdditionalItems]: 'true' })
    : snapshotClass;
  return item('volumesnapshotclasses', snapshotGroup, 'v1', 'VolumeSnapshotClass', object);
}

function contentItem(content: VolumeSnapshotContent, backupName: string): FinalizedItem {
  const source = content as VolumeSnapshotContent & { metadata?: { labels?: Record<string, string> } };
  const metadata = source.metadata ?? {};
  const labels = { ...metadata.labels, [VeleroLabel.BackupName]: veleroLabelValue(backupName) };
  return item('volumesnapshotcontents', snapshotGroup, 'v1', 'VolumeSnapshotContent', { ...source, metadata: { ...metadata, labels } });
}

/** A snapshot is usable once its content has a handle (Velero's WaitUntilVSCHandleIsReady). */
function readyContent(snapshot: VolumeSnapshot, contents: ReadonlyMap<string, VolumeSnapshotContent>): VolumeSnapshotContent | undefined {
  const content = contents.get(snapshot.status?.boundVolumeSnapshotContentName ?? '');
  return content?.status?.snapshotHandle === undefined ? undefined : content;
}

/**
 * The items Velero's finalized tarball holds for `input`'s volumes: DataUploads when the Backup moves
 * data (`spec.snapshotMoveData`), else the kept snapshots with their contents and classes; and the
 * claims to relabel. A snapshot whose content has no handle yet is left out, as Velero's PVC action
 * gives up on it. Items are sorted by entry name, so the result is stable.
 */
export function finalizedVolumeItems(input: FinalizeVolumesInput): FinalizedVolumeItems {
  const backupName = input.backup.metadata?.name ?? '';
  const contents = new Map(input.contents.map((content) => [content.metadata?.name ?? '', content]));
  const classes = new Map(input.classes.map((snapshotClass) => [snapshotClass.metadata?.name ?? '', snapshotClass]));
  const items: FinalizedItem[] = [];
  const claims = new Map<string, ClaimSnapshotRefs>();
  const resourceList = new ResourceListBuilder();
  const add = (entry: FinalizedItem, listed: boolean): void => {
    items.push(entry);
    if (listed) resourceList.add(entry.apiVersion, entry.kind, entry.namespace, entry.name);
  };
  if (input.backup.spec?.snapshotMoveData === true) {
    for (const upload of input.dataUploads) {
      const { namespace, name } = metaOf(upload);
      add(item('datauploads', 'velero.io', 'v2alpha1', 'DataUpload', upload), false);
      const spec = upload.spec;
      const snapshotName = spec?.csiSnapshot?.volumeSnapshot;
      if (spec && snapshotName)
        claims.set(`${spec.sourceNamespace}/${spec.sourcePVC}`, { volumeSnapshotName: snapshotName, dataUpload: `${namespace}/${name}` });
    }
  } else {
    for (const snapshot of input.snapshots) {
      const content = readyContent(snapshot, contents);
      const claimName = snapshot.spec.source.persistentVolumeClaimName;
      if (!content || !claimName) continue;
      const { namespace, name } = metaOf(snapshot);
      const snapshotObject = withAnnotations(snapshot, snapshotAnnotations(content));
      add(item('volumesnapshots', snapshotGroup, 'v1', 'VolumeSnapshot', snapshotObject), true);
      add(contentItem(content, backupName), true);
      const snapshotClass = classes.get(snapshot.spec.volumeSnapshotClassName ?? '');
      if (snapshotClass && !resourceList.has(`${snapshotGroup}/v1`, 'VolumeSnapshotClass', '', snapshotClass.metadata?.name ?? ''))
        add(classItem(snapshotClass), true);
      claims.set(`${namespace}/${claimName}`, { volumeSnapshotName: name, restoreSize: content.status?.restoreSize });
    }
  }
  items.sort((a, b) => (entryNameOf(a) < entryNameOf(b) ? -1 : entryNameOf(a) > entryNameOf(b) ? 1 : 0));
  return { items, claims, resourceListAdditions: resourceList.build() };
}

const entryNameOf = (entry: FinalizedItem): string => itemEntryNames(entry.groupResource, entry.version, entry.namespace, entry.name)[0];
