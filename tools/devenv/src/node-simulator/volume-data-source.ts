// Where a new volume's first content comes from (the claim's dataSource/dataSourceRef): a ready
// VolumeSnapshot of the simulator's driver or a bound claim of it. Used by the volume provisioner.
import type { V1PersistentVolumeClaim, V1TypedObjectReference } from '@kubernetes/client-node';
import { quantityToBytes } from './quantity';
import { snapshotDirectory, volumeDirectory } from './simulator-layout';
import { simulatorNames, type SimulatorContext } from './simulator-context';
import { snapshotApiGroup } from './snapshot-types';
import { exists } from './volume-storage';

/** Where the first content of a new volume comes from. */
export type DataSource =
  | { readonly kind: 'none' }
  | { readonly kind: 'ready'; readonly directory: string; readonly minimumBytes: number; readonly description: string }
  | { readonly kind: 'wait'; readonly message: string }
  | { readonly kind: 'fail'; readonly message: string };

type SourceRef = Pick<V1TypedObjectReference, 'apiGroup' | 'kind' | 'name'>;

async function snapshotSource(context: SimulatorContext, namespace: string, ref: SourceRef): Promise<DataSource> {
  const snapshot = context.informers.volumeSnapshots.get(namespace, ref.name);
  const contentName = snapshot?.status?.boundVolumeSnapshotContentName;
  if (!snapshot?.status?.readyToUse || !contentName)
    return { kind: 'wait', message: `waiting for VolumeSnapshot ${namespace}/${ref.name} to be ready to use` };
  const content = context.informers.volumeSnapshotContents.get(undefined, contentName);
  const handle = content?.status?.snapshotHandle ?? content?.spec.source.snapshotHandle;
  if (!content || !handle) return { kind: 'wait', message: `waiting for VolumeSnapshotContent ${contentName} of ${namespace}/${ref.name}` };
  if (content.spec.driver !== simulatorNames.driver)
    return {
      kind: 'fail',
      message: `snapshot ${namespace}/${ref.name} belongs to driver ${content.spec.driver}, not ${simulatorNames.driver}`,
    };
  const directory = snapshotDirectory(context.layout, handle);
  if (!(await exists(directory)))
    return { kind: 'fail', message: `data of snapshot ${handle} (VolumeSnapshot ${namespace}/${ref.name}) not found` };
  return {
    kind: 'ready',
    directory,
    minimumBytes: quantityToBytes(snapshot.status.restoreSize) ?? 0,
    description: `snapshot ${ref.name}`,
  };
}

function claimSource(context: SimulatorContext, namespace: string, ref: SourceRef): DataSource {
  const source = context.informers.persistentVolumeClaims.get(namespace, ref.name);
  const pv = source?.spec?.volumeName ? context.informers.persistentVolumes.get(undefined, source.spec.volumeName) : undefined;
  if (source?.status?.phase !== 'Bound' || !pv?.spec?.csi)
    return { kind: 'wait', message: `waiting for source claim ${namespace}/${ref.name} to be bound` };
  if (pv.spec.csi.driver !== simulatorNames.driver)
    return { kind: 'fail', message: `source claim ${ref.name} is not a volume of ${simulatorNames.driver}` };
  const minimumBytes = quantityToBytes(source.status.capacity?.['storage']) ?? 0;
  return {
    kind: 'ready',
    directory: volumeDirectory(context.layout, pv.spec.csi.volumeHandle),
    minimumBytes,
    description: `claim ${ref.name}`,
  };
}

/** The name of the claim's VolumeSnapshot data source, when its data comes from one. */
export function snapshotSourceName(claim: V1PersistentVolumeClaim): string | undefined {
  const ref = claim.spec?.dataSourceRef ?? claim.spec?.dataSource;
  return ref?.kind === 'VolumeSnapshot' && ref.apiGroup === snapshotApiGroup ? ref.name : undefined;
}

/**
 * Resolves `claim`'s data source from the informers: `wait` while the snapshot or claim is not
 * ready yet, `fail` for a source of another driver, missing data or an unsupported kind. Never writes.
 */
export async function resolveDataSource(context: SimulatorContext, claim: V1PersistentVolumeClaim): Promise<DataSource> {
  const ref = claim.spec?.dataSourceRef ?? claim.spec?.dataSource;
  if (!ref) return { kind: 'none' };
  const namespace = claim.metadata?.namespace ?? '';
  if (snapshotSourceName(claim) !== undefined) return snapshotSource(context, namespace, ref);
  if (ref.kind === 'PersistentVolumeClaim' && !ref.apiGroup) return claimSource(context, namespace, ref);
  return {
    kind: 'fail',
    message: `data source ${ref.apiGroup ?? 'core'}/${ref.kind} ${ref.name} is not supported by ${simulatorNames.driver}`,
  };
}
