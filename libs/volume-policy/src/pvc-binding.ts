// Velero's GetPVForPVC over prepared data: a claim's PV is usable only when the claim names it in
// `spec.volumeName`, is `Bound`, and the PV was found.
import type { ObjectRef, PvcNotBoundReason } from './decision-reason';
import type { PersistentVolumeClaimInput, PersistentVolumeInput } from './volume-inputs';

/** Outcome of {@link resolveBoundPv}. */
export type PvBinding =
  { readonly ok: true; readonly pv: PersistentVolumeInput } | { readonly ok: false; readonly reason: PvcNotBoundReason };

/** `namespace/name` of a claim as a reference. */
export function claimRefOf(pvc: PersistentVolumeClaimInput): ObjectRef {
  return { namespace: pvc.metadata?.namespace ?? '', name: pvc.metadata?.name ?? '' };
}

/**
 * The PV bound to `pvc`, given `pv` = the PV the caller found under `pvc.spec.volumeName` (or
 * `undefined`). A PV with another name counts as not found. Pure.
 */
export function resolveBoundPv(pvc: PersistentVolumeClaimInput, pv: PersistentVolumeInput | undefined): PvBinding {
  const volumeName = pvc.spec?.volumeName ?? '';
  const phase = pvc.status?.phase ?? '';
  const notBound = (problem: PvcNotBoundReason['problem']): PvBinding => ({
    ok: false,
    reason: { kind: 'pvc-not-bound', claim: claimRefOf(pvc), problem, phase, volumeName },
  });
  if (volumeName === '') return notBound('no-volume-name');
  if (phase !== 'Bound') return notBound('not-bound');
  if (pv === undefined || pv.metadata?.name !== volumeName) return notBound('pv-not-found');
  return { ok: true, pv };
}
