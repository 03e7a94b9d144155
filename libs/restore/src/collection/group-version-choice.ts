// Which version of a group a restore reads (velero pkg/restore/prioritize_group_version.go, the
// EnableAPIGroupVersions layout): per backed-up resource, the target cluster's preferred version
// when the backup has it; else the backup's preferred version when the target serves it; else the
// first common non-preferred version in Kubernetes version priority; else the backup's preferred
// version. Versions are ordered by apimachinery's CompareKubeAwareVersionStrings.
import { preferredVersionSuffix } from '@ferry/backup';

// apimachinery's kubeVersionRegex: digits from 0 up, so `v0alpha1` is Kubernetes-like too.
const kubeVersion = /^v([0-9]+)(?:(alpha|beta)([0-9]+))?$/;
const stability: Readonly<Record<string, number>> = { alpha: 0, beta: 1, ga: 2 };

/**
 * apimachinery's `CompareKubeAwareVersionStrings`: > 0 when `a` has the higher priority. GA over
 * beta over alpha, then the higher major, then the higher minor; Kubernetes-like versions over
 * others; others in reverse byte order (so `a` over `b`). Pure.
 */
export function compareKubeAwareVersions(a: string, b: string): number {
  if (a === b) return 0;
  const ma = kubeVersion.exec(a);
  const mb = kubeVersion.exec(b);
  if (!ma && !mb) return a < b ? 1 : -1;
  if (!ma) return -1;
  if (!mb) return 1;
  const typeA = stability[ma[2] ?? 'ga'] ?? 2;
  const typeB = stability[mb[2] ?? 'ga'] ?? 2;
  if (typeA !== typeB) return typeA - typeB;
  if (ma[1] !== mb[1]) return Number(ma[1]) - Number(mb[1]);
  return Number(ma[3] ?? 0) - Number(mb[3] ?? 0);
}

/** Sorts highest priority first (Velero's `k8sPrioritySort`). Pure. */
export function sortByKubePriority(versions: readonly string[]): string[] {
  return [...versions].sort((a, b) => compareKubeAwareVersions(b, a));
}

/** One group as the backup holds it: its versions and which one was preferred there. */
export interface SourceGroupVersions {
  readonly preferredVersion: string;
  readonly versions: readonly string[];
}

/** One group as the target cluster serves it (discovery). */
export interface TargetGroupVersions {
  readonly preferredVersion: string;
  readonly versions: readonly string[];
}

/** The chosen version of one resource and the directory it is read from. */
export interface ChosenGroupVersion {
  readonly version: string;
  /** `<v>-preferredversion` or `<v>`. */
  readonly dir: string;
}

/**
 * Velero's choice for one backed-up resource (`chooseAPIVersionsToRestore` without the user
 * priority ConfigMap). `target` undefined (the group is not served) → the backup's preferred. Pure.
 */
export function chooseGroupVersion(source: SourceGroupVersions, target: TargetGroupVersions | undefined): ChosenGroupVersion {
  const preferred = { version: source.preferredVersion, dir: source.preferredVersion + preferredVersionSuffix };
  if (!target || target.versions.length === 0) return preferred;
  const dirOf = (version: string) => (version === source.preferredVersion ? version + preferredVersionSuffix : version);
  if (source.versions.includes(target.preferredVersion)) return { version: target.preferredVersion, dir: dirOf(target.preferredVersion) };
  if (target.versions.includes(source.preferredVersion)) return preferred;
  const sourceRest = sortByKubePriority(source.versions).slice(1);
  const common = sortByKubePriority(target.versions)
    .slice(1)
    .find((version) => sourceRest.includes(version));
  return common ? { version: common, dir: common } : preferred;
}
