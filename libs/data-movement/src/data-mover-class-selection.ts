// Which DataMoverClass moves a PVC (OADP's Data Mover CRD design, "Support for multiple data mover
// plugins"): a PVC tagged with a class's name is moved by that class; otherwise a class whose
// storage classes / PVC selector claim the PVC; otherwise the default class. Pure.
import type { DataMoverClass } from '@ferry/api';
import { compileLabelSelector } from '@ferry/kube-values';

/** Label and annotation keys of the class selection. */
export const DataMoverClassKey = {
  /**
   * On a PVC, as a label or an annotation: the name of the DataMoverClass that moves it (the label
   * wins when both are set). On a VolumeSnapshotBackup/Restore, written by Ferry: the class used.
   */
  Class: 'datamover.oadp.openshift.io/class',
  /** On a DataMoverClass: `"true"` marks the class that moves untagged PVCs. */
  IsDefaultClass: 'datamover.oadp.openshift.io/is-default-class',
} as const;
/** One of {@link DataMoverClassKey}. */
export type DataMoverClassKey = (typeof DataMoverClassKey)[keyof typeof DataMoverClassKey];

/** The facts of a PVC the selection reads. */
export interface ClaimForClassSelection {
  readonly namespace?: string | undefined;
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  readonly annotations?: Readonly<Record<string, string>> | undefined;
  readonly storageClassName?: string | undefined;
}

/** How the class was chosen. */
export const ClassSelectionSource = { Label: 'label', Annotation: 'annotation', Selector: 'selector', Default: 'default' } as const;
/** One of {@link ClassSelectionSource}. */
export type ClassSelectionSource = (typeof ClassSelectionSource)[keyof typeof ClassSelectionSource];

/** The chosen class and why, or why none could be chosen (a message naming the PVC and the key). */
export type DataMoverClassSelection =
  | { readonly ok: true; readonly dataMoverClass: DataMoverClass; readonly source: ClassSelectionSource }
  | { readonly ok: false; readonly message: string };

const nameOf = (c: DataMoverClass): string => c.metadata?.name ?? '';
const byName = (a: DataMoverClass, b: DataMoverClass): number => nameOf(a).localeCompare(nameOf(b));

/** True when the class is annotated as the default (`"true"`, case-insensitive). */
export function isDefaultDataMoverClass(dataMoverClass: DataMoverClass): boolean {
  return dataMoverClass.metadata?.annotations?.[DataMoverClassKey.IsDefaultClass]?.trim().toLowerCase() === 'true';
}

/** True when the class narrows the PVCs it claims (non-empty `storageClassNames` or `pvcSelector`). */
function hasCriteria(dataMoverClass: DataMoverClass): boolean {
  const { storageClassNames, pvcSelector } = dataMoverClass.spec;
  const selectorParts = Object.keys(pvcSelector?.matchLabels ?? {}).length + (pvcSelector?.matchExpressions?.length ?? 0);
  return (storageClassNames?.length ?? 0) > 0 || selectorParts > 0;
}

/**
 * True when the class's criteria claim the PVC: `storageClassNames` (when non-empty) contains its
 * class and `pvcSelector` (when set) matches its labels. An invalid selector matches nothing.
 */
export function dataMoverClassClaims(dataMoverClass: DataMoverClass, claim: ClaimForClassSelection): boolean {
  const { storageClassNames, pvcSelector } = dataMoverClass.spec;
  if (storageClassNames && storageClassNames.length > 0 && !storageClassNames.includes(claim.storageClassName ?? '')) return false;
  const compiled = compileLabelSelector(pvcSelector);
  return compiled.ok && compiled.matches(claim.labels ?? {});
}

/**
 * Chooses the DataMoverClass of `claim` among `classes`:
 * 1. the class named by the PVC's `datamover.oadp.openshift.io/class` label, else annotation (a
 *    name that matches no class is an error, not a fall-through: the user asked for that class);
 * 2. else the classes with criteria (`storageClassNames`/`pvcSelector`) that claim the PVC — the
 *    first by name when several do;
 * 3. else the class annotated `datamover.oadp.openshift.io/is-default-class: "true"` (first by name
 *    when several are);
 * 4. else an error saying so.
 */
export function selectDataMoverClass(claim: ClaimForClassSelection, classes: readonly DataMoverClass[]): DataMoverClassSelection {
  const sorted = [...classes].sort(byName);
  const pvc = `PVC ${claim.namespace ? `${claim.namespace}/` : ''}${claim.name}`;
  const labelled = claim.labels?.[DataMoverClassKey.Class]?.trim();
  const annotated = claim.annotations?.[DataMoverClassKey.Class]?.trim();
  const tagged = labelled || annotated;
  if (tagged) {
    const where = labelled ? 'label' : 'annotation';
    const found = sorted.find((c) => nameOf(c) === tagged);
    if (!found) {
      return {
        ok: false,
        message: `${pvc} names DataMoverClass "${tagged}" in its ${where} ${DataMoverClassKey.Class}, but no such class exists: create it or fix the ${where}`,
      };
    }
    return { ok: true, dataMoverClass: found, source: labelled ? ClassSelectionSource.Label : ClassSelectionSource.Annotation };
  }
  const claiming = sorted.find((c) => hasCriteria(c) && dataMoverClassClaims(c, claim));
  if (claiming) return { ok: true, dataMoverClass: claiming, source: ClassSelectionSource.Selector };
  const fallback = sorted.find(isDefaultDataMoverClass);
  if (fallback) return { ok: true, dataMoverClass: fallback, source: ClassSelectionSource.Default };
  return {
    ok: false,
    message: `no DataMoverClass moves ${pvc}: label it ${DataMoverClassKey.Class}=<class>, or annotate one class ${DataMoverClassKey.IsDefaultClass}: "true"`,
  };
}
