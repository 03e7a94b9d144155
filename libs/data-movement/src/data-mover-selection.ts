// Whether Ferry serves a DataUpload/DataDownload with a given `spec.datamover`, and with which
// uploader (docs/velero-compatibility.md#which-datauploads-ferry-serves). Pure.
import { BuiltInDataMover, type DataMoverClass } from '@ferry/api';

/** The roles of Ferry's controller: the whole server, or a data mover beside a running Velero. */
export const ControllerRole = { Server: 'server', DataMover: 'data-mover' } as const;
/** One of {@link ControllerRole}. */
export type ControllerRole = (typeof ControllerRole)[keyof typeof ControllerRole];

/** The `spec.mover` value of the DataMoverClasses Ferry serves. */
export const ferryMoverName = 'ferry';

/** The uploaders Ferry's mover runs. */
export type MoverUploader = 'kopia' | 'restic';

/** The uploader when neither the class nor the resource names one (Velero's default). */
export const defaultUploader: MoverUploader = 'kopia';

/** The `dataMoverConfig` key naming the uploader. */
export const uploaderTypeConfigKey = 'uploaderType';

/** The decision: served with an uploader and the merged config, or left alone with the reason. */
export type DataMoverDecision =
  | {
      readonly serve: true;
      readonly uploader: MoverUploader;
      readonly config: Readonly<Record<string, string>>;
      readonly dataMoverClass?: string;
    }
  | { readonly serve: false; readonly reason: string }
  | { readonly serve: 'invalid'; readonly message: string };

/** Inputs of {@link decideDataMover}. */
export interface DataMoverInput {
  readonly role: ControllerRole;
  /** `spec.datamover`; absent = "". */
  readonly datamover?: string | undefined;
  /** `spec.dataMoverConfig` of the resource. */
  readonly dataMoverConfig?: Readonly<Record<string, string>> | null | undefined;
  /** Every DataMoverClass known (Ferry's and others'). */
  readonly classes: readonly DataMoverClass[];
}

function uploaderOf(config: Readonly<Record<string, string>>): MoverUploader | { invalid: string } {
  const value = config[uploaderTypeConfigKey]?.trim();
  if (!value) return defaultUploader;
  if (value === 'kopia' || value === 'restic') return value;
  return { invalid: `spec.dataMoverConfig.${uploaderTypeConfigKey}: "${value}" is not an uploader Ferry runs; use kopia or restic` };
}

// [newest] Velero's built-in filesystem mover answers to "", `velero` and `velero-fs` (the Backup
// rules default `spec.datamover` to `velero-fs`); `velero-block` is its block uploader, not Ferry's.
const builtInFsMovers: ReadonlySet<string> = new Set([BuiltInDataMover.Default, BuiltInDataMover.Velero, BuiltInDataMover.VeleroFs]);

/**
 * Role `server`: "", `velero`, `velero-fs` and the `datamover` of every class whose `spec.mover` is `ferry`.
 * Role `data-mover`: only the values of Ferry's classes (Velero's node-agent serves the built-in
 * ones). Values of classes naming another mover are left to that mover's controller. The uploader
 * comes from the class's `dataMoverConfig.uploaderType` overridden by the resource's, default kopia;
 * an unknown uploader is `invalid` (the caller fails the resource with the message).
 */
export function decideDataMover(input: DataMoverInput): DataMoverDecision {
  const value = input.datamover?.trim() ?? '';
  const claiming = input.classes.filter((c) => c.spec.datamover === value);
  const ours = claiming
    .filter((c) => c.spec.mover === ferryMoverName)
    .sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  const builtIn = builtInFsMovers.has(value);
  const chosen = ours[0];
  if (!chosen) {
    if (claiming.length > 0) return { serve: false, reason: `datamover "${value}" belongs to mover "${claiming[0]?.spec.mover}"` };
    if (!builtIn)
      return { serve: false, reason: `datamover "${value}" is not served by Ferry (no DataMoverClass with mover ${ferryMoverName})` };
    if (input.role === ControllerRole.DataMover)
      return { serve: false, reason: `datamover "${value}" is Velero's built-in mover (role data-mover)` };
  }
  const config = { ...(chosen?.spec.dataMoverConfig ?? {}), ...(input.dataMoverConfig ?? {}) };
  const uploader = uploaderOf(config);
  if (typeof uploader === 'object') return { serve: 'invalid', message: uploader.invalid };
  return { serve: true, uploader, config, ...(chosen?.metadata?.name ? { dataMoverClass: chosen.metadata.name } : {}) };
}

/**
 * Uploader of a PodVolumeBackup/Restore: `spec.uploaderType`, default kopia. fs-backup has no
 * datamover field, so only role `server` serves it (beside Velero its node-agent does).
 */
export function podVolumeUploader(uploaderType: string | undefined): MoverUploader {
  return uploaderType === 'restic' ? 'restic' : defaultUploader;
}
