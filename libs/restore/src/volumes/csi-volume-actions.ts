// Velero's CSI restore item actions (pkg/restore/actions/csi): the claim action picks how a
// claim's data comes back — nothing when `restorePVs` is false, a DataDownload when the backup moved
// its data (the claim names its DataUpload), else the backup's VolumeSnapshot as `dataSource`; the
// VolumeSnapshot and VolumeSnapshotContent actions re-create the snapshot statically under a name
// derived from the restore's UID (sha256 of `<uid>/<snapshot>`), content with deletion policy Retain
// and the backed-up snapshot handle as its source. Pure.
import { createHash } from 'node:crypto';
import { veleroLabelValue } from '@ferry/backup';
import { asObject, mappedNamespace, nestedValue, stringMapOf, withoutKeys, withStringMap, type ItemJson } from '../items/item-json';
import type { ActionOutput } from '../items/workload-actions';
import { dataDownloadOperationId, dynamicPvRestoreLabel } from './data-movement-restore';

/** The claim annotation naming the backup's DataUpload. */
export const dataUploadNameAnnotation = 'velero.io/data-upload-name';
/** The claim annotation naming the backup's VolumeSnapshot. */
export const volumeSnapshotNameAnnotation = 'velero.io/volume-snapshot-name';
/** The restored VolumeSnapshot's annotation that keeps its content on deletion. */
export const snapshotContentDeletionPolicyAnnotation = 'velero.io/csi-vsc-deletion-policy';

const snapshotGroup = 'snapshot.storage.k8s.io';

/** What the claim action reads besides the claim. */
export interface CsiClaimContext {
  readonly restoreUid: string;
  /** `spec.restorePVs` of the Restore (`false` = claims without data). */
  readonly restorePVs: boolean | null | undefined;
  /** `spec.snapshotMoveData` of the backup. */
  readonly snapshotMoveData: boolean;
  /** Whether the claim already exists in its target namespace (the action then leaves it alone). */
  readonly targetExists: boolean;
  /** Six random characters for the claim's selector (Velero's `utilrand.String(6)`). */
  readonly randomSuffix: string;
  readonly targetNamespace: string;
}

/** The claim action's result: the claim, and the DataDownload to create first when its data was moved. */
export interface CsiClaimOutput extends ActionOutput {
  readonly dataDownload?: { readonly operationId: string; readonly sourceNamespace: string; readonly sourceClaim: string };
}

/** Velero's `GenerateSha256FromRestoreUIDAndVsName`: the restored snapshot's (and content's) name. Pure. */
export function restoredSnapshotName(restoreUid: string, snapshotName: string): string {
  return createHash('sha256').update(`${restoreUid}/${snapshotName}`).digest('hex');
}

function claimSpec(claim: ItemJson, update: (spec: ItemJson) => ItemJson): ItemJson {
  return { ...claim, spec: update({ ...(asObject(claim['spec']) ?? {}) }) };
}

/**
 * Velero's CSI PVCRestoreItemAction on a claim after the core claim action (`claim`), with the
 * backed-up claim (`fromBackup`) for its annotations and UID. Pure.
 */
export function csiClaimAction(claim: ItemJson, fromBackup: ItemJson, context: CsiClaimContext): CsiClaimOutput {
  if (context.targetExists) return { item: claim };
  if (context.restorePVs === false) {
    return { item: claimSpec(claim, (spec) => withoutKeys({ ...spec, volumeName: '' }, 'dataSource', 'dataSourceRef')) };
  }
  const annotations = stringMapOf(fromBackup, 'annotations') ?? {};
  const claimNamespace = String(nestedValue(fromBackup, 'metadata', 'namespace') ?? '');
  const claimName = String(nestedValue(fromBackup, 'metadata', 'name') ?? '');
  if (context.snapshotMoveData) {
    if (annotations[dataUploadNameAnnotation] === undefined) return { item: claim };
    const operationId = dataDownloadOperationId(context.restoreUid, String(nestedValue(fromBackup, 'metadata', 'uid') ?? ''));
    const selectorValue = `${context.targetNamespace}.${claimName}.${context.randomSuffix}`;
    const item = claimSpec(claim, (spec) => {
      const selector = asObject(spec['selector']) ?? {};
      const matchLabels = { ...(asObject(selector['matchLabels']) as Record<string, string> | undefined) };
      matchLabels[dynamicPvRestoreLabel] = veleroLabelValue(selectorValue);
      return { ...spec, volumeName: '', selector: { ...selector, matchLabels } };
    });
    return { item, dataDownload: { operationId, sourceNamespace: claimNamespace, sourceClaim: claimName } };
  }
  const snapshotName = annotations[volumeSnapshotNameAnnotation];
  if (snapshotName === undefined) return { item: claim };
  const item = claimSpec(claim, (spec) =>
    withoutKeys(
      {
        ...spec,
        volumeName: '',
        dataSource: { apiGroup: snapshotGroup, kind: 'VolumeSnapshot', name: restoredSnapshotName(context.restoreUid, snapshotName) },
      },
      'dataSourceRef',
    ),
  );
  return {
    item,
    additionalItems: [{ groupResource: `volumesnapshots.${snapshotGroup}`, namespace: claimNamespace, name: snapshotName }],
  };
}

/** What the snapshot actions read besides the item. */
export interface CsiSnapshotContext {
  readonly restoreUid: string;
  readonly restorePVs: boolean | null | undefined;
  readonly namespaceMapping: Readonly<Record<string, string>>;
  /** The target cluster's VolumeSnapshotClass of a CSI driver, when it has one. */
  snapshotClassOf(driver: string): string | undefined;
}

/**
 * Velero's VolumeSnapshotRestoreItemAction: skipped without `restorePVs`; else renamed, bound
 * statically to the restored content, class removed, deletion policy annotation Retain, the
 * content an additional item. Throws when the backed-up snapshot has no bound content. Pure.
 */
export function volumeSnapshotAction(snapshot: ItemJson, fromBackup: ItemJson, context: CsiSnapshotContext): ActionOutput {
  if (context.restorePVs === false) return { item: snapshot, skip: true };
  const backupName = String(nestedValue(fromBackup, 'metadata', 'name') ?? '');
  const contentName = nestedValue(fromBackup, 'status', 'boundVolumeSnapshotContentName');
  if (typeof contentName !== 'string' || contentName === '') throw new Error(`VS ${backupName} doesn't have bound VSC`);
  const name = restoredSnapshotName(context.restoreUid, backupName);
  const renamed = withStringMap({ ...snapshot, metadata: { ...asObject(snapshot['metadata']), name } }, 'annotations', (annotations) => ({
    ...annotations,
    [snapshotContentDeletionPolicyAnnotation]: 'Retain',
  }));
  const spec = withoutKeys(asObject(snapshot['spec']) ?? {}, 'volumeSnapshotClassName');
  return {
    item: { ...renamed, spec: { ...spec, source: { volumeSnapshotContentName: name } } },
    additionalItems: [{ groupResource: `volumesnapshotcontents.${snapshotGroup}`, namespace: '', name: contentName }],
  };
}

/**
 * Velero's VolumeSnapshotContentRestoreItemAction: skipped without `restorePVs`; else named as its
 * restored snapshot, referencing it (namespace mapped, uid/resourceVersion cleared), deletion
 * policy Retain, source = the backed-up snapshot handle, class = the target's class of the
 * driver (none when it has none). Throws when the backed-up content has no snapshot handle. Pure.
 */
export function volumeSnapshotContentAction(content: ItemJson, fromBackup: ItemJson, context: CsiSnapshotContext): ActionOutput {
  if (context.restorePVs === false) return { item: content, skip: true };
  const spec = asObject(content['spec']) ?? {};
  const reference = asObject(spec['volumeSnapshotRef']) ?? {};
  const backedUpReferenceName = String(nestedValue(fromBackup, 'spec', 'volumeSnapshotRef', 'name') ?? '');
  const name = restoredSnapshotName(context.restoreUid, backedUpReferenceName);
  const handle = nestedValue(fromBackup, 'status', 'snapshotHandle');
  if (typeof handle !== 'string' || handle === '') throw new Error(`fail to get snapshot handle from VSC ${name} status`);
  const referenceNamespace = typeof reference['namespace'] === 'string' ? reference['namespace'] : '';
  const snapshotClass = context.snapshotClassOf(String(spec['driver'] ?? ''));
  const nextSpec = withoutKeys(
    {
      ...spec,
      volumeSnapshotRef: {
        ...withoutKeys(reference, 'uid', 'resourceVersion'),
        name,
        namespace: mappedNamespace(context.namespaceMapping, referenceNamespace) ?? referenceNamespace,
      },
      deletionPolicy: 'Retain',
      source: { snapshotHandle: handle },
      ...(snapshotClass !== undefined ? { volumeSnapshotClassName: snapshotClass } : {}),
    },
    ...(snapshotClass === undefined ? ['volumeSnapshotClassName'] : []),
  );
  return { item: { ...content, metadata: { ...asObject(content['metadata']), name }, spec: nextSpec } };
}
