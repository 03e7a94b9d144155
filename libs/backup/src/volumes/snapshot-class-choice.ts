// Which VolumeSnapshotClass snapshots a claim: the volume policy's `snapshotClass`, else Velero's
// rule (pkg/util/csi GetVolumeSnapshotClass): the PVC annotation, the Backup annotation for the
// driver, then the driver's class labelled `velero.io/csi-volumesnapshot-class`, else annotated
// `snapshot.storage.kubernetes.io/is-default-class`, else the driver's only class. Pure.
import type { VolumeSnapshotClass } from '@ferry/api';

/** The label that marks Velero's class for a driver (presence counts, not the value). */
export const veleroSnapshotClassLabel = 'velero.io/csi-volumesnapshot-class';
/** PVC annotation naming the class; the Backup annotation is `<this>_<driver in lower case>`. */
export const snapshotClassAnnotation = 'velero.io/csi-volumesnapshot-class';
/** Kubernetes' default-class annotation (presence counts). */
export const defaultSnapshotClassAnnotation = 'snapshot.storage.kubernetes.io/is-default-class';

/** What the choice looks at. */
export interface SnapshotClassInput {
  /** The StorageClass provisioner of the claim (= the CSI driver). */
  readonly driver: string;
  readonly classes: readonly VolumeSnapshotClass[];
  /** The matched volume policy's `snapshotClass` parameter. */
  readonly policyClass?: string | undefined;
  readonly claimAnnotations?: Readonly<Record<string, string>> | undefined;
  readonly backupAnnotations?: Readonly<Record<string, string>> | undefined;
}

/** The chosen class, or why none could be chosen (the message names the fix). */
export type SnapshotClassChoice = { readonly ok: true; readonly name: string } | { readonly ok: false; readonly message: string };

const nameOf = (snapshotClass: VolumeSnapshotClass): string => snapshotClass.metadata?.name ?? '';
const sameText = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The class named `name` (case-insensitively, as Velero) if it is for `driver`. */
function namedClass(input: SnapshotClassInput, name: string): VolumeSnapshotClass | undefined {
  const found = input.classes.find((candidate) => sameText(nameOf(candidate), name));
  return found && sameText(found.driver, input.driver) ? found : undefined;
}

function driverDefault(input: SnapshotClassInput): SnapshotClassChoice {
  const ofDriver = input.classes.filter((candidate) => candidate.driver === input.driver);
  const chosen =
    ofDriver.find((candidate) => candidate.metadata?.labels?.[veleroSnapshotClassLabel] !== undefined) ??
    ofDriver.find((candidate) => candidate.metadata?.annotations?.[defaultSnapshotClassAnnotation] !== undefined) ??
    (ofDriver.length === 1 ? ofDriver[0] : undefined);
  if (chosen) return { ok: true, name: nameOf(chosen) };
  // Velero's GetVolumeSnapshotClass wraps GetVolumeSnapshotClassForStorageClass's error.
  return {
    ok: false,
    message:
      `error getting VolumeSnapshotClass: failed to get VolumeSnapshotClass for provisioner ${input.driver}: ` +
      `ensure that the desired VolumeSnapshotClass has the ` +
      `${veleroSnapshotClassLabel} label or ${defaultSnapshotClassAnnotation} annotation, and that its driver matches the StorageClass provisioner`,
  };
}

/**
 * The class to snapshot with. A policy `snapshotClass` must name an existing class of the driver
 * (else the choice fails naming it); PVC and Backup annotations that name no class of the driver
 * are passed over, as Velero only logs them. Pure.
 */
export function chooseSnapshotClass(input: SnapshotClassInput): SnapshotClassChoice {
  if (input.policyClass) {
    const named = namedClass(input, input.policyClass);
    if (named) return { ok: true, name: nameOf(named) };
    return {
      ok: false,
      message: `volume policy snapshotClass "${input.policyClass}": no VolumeSnapshotClass of that name for driver ${input.driver}; create it or fix the policy`,
    };
  }
  const fromAnnotations = [
    input.claimAnnotations?.[snapshotClassAnnotation],
    input.backupAnnotations?.[`${snapshotClassAnnotation}_${input.driver.toLowerCase()}`],
  ];
  for (const name of fromAnnotations) {
    const named = name === undefined ? undefined : namedClass(input, name);
    if (named) return { ok: true, name: nameOf(named) };
  }
  return driverDefault(input);
}
