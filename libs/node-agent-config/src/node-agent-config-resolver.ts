// What a validated node-agent configuration means for one node, one storage class or one pod,
// resolved as Velero's node-agent and exposers do
// (docs/velero-compatibility.md#node-agent-configmap). Pure functions.
import type { LabelSelector } from '@ferry/api';
import { compileLabelSelector } from '@ferry/kube-values';
import type { ParsedNodeAgentConfig } from './node-agent-config-parser';
import { evaluatePodResources, type PodResourceRequirements } from './pod-resources';

/** Access modes a backup PVC can get. */
export const BackupPvcAccessMode = { ReadWriteOnce: 'ReadWriteOnce', ReadOnlyMany: 'ReadOnlyMany' } as const;
/** One of {@link BackupPvcAccessMode}. */
export type BackupPvcAccessMode = (typeof BackupPvcAccessMode)[keyof typeof BackupPvcAccessMode];

/** The resolved backup-PVC settings for one source storage class. */
export interface BackupPvcSettings {
  /** The storage class to create the backup PVC in (the source's when none is configured). */
  readonly storageClass: string;
  readonly readOnly: boolean;
  readonly accessMode: BackupPvcAccessMode;
  /** SELinux type `spc_t` for the backup pod; only ever true together with `readOnly`. */
  readonly spcNoRelabeling: boolean;
  readonly annotations: Readonly<Record<string, string>>;
}

/** One node-selector requirement of a required node affinity (core/v1 shape). */
export interface NodeSelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values?: readonly string[];
}

/** `requiredDuringSchedulingIgnoredDuringExecution` of a node affinity (core/v1 shape). */
export interface RequiredNodeAffinity {
  readonly nodeSelectorTerms: readonly [{ readonly matchExpressions: readonly NodeSelectorRequirement[] }];
}

/**
 * How many data-path operations a node with `nodeLabels` may run at once: the smallest `number`
 * of the per-node rules whose selector matches (rules with number ≤ 0 or a bad selector are
 * skipped), else `globalConfig` (≤ 0 or unset → 1).
 */
export function concurrencyForNode(config: ParsedNodeAgentConfig | undefined, nodeLabels: Readonly<Record<string, string>>): number {
  const concurrency = config?.document.loadConcurrency;
  const global = concurrency?.globalConfig !== undefined && concurrency.globalConfig > 0 ? concurrency.globalConfig : 1;
  let smallest: number | undefined;
  for (const rule of concurrency?.perNodeConfig ?? []) {
    if (rule.number <= 0) continue;
    const selector = compileLabelSelector(rule.nodeSelector);
    if (!selector.ok || !selector.matches(nodeLabels)) continue;
    smallest = smallest === undefined ? rule.number : Math.min(smallest, rule.number);
  }
  return smallest ?? global;
}

/** The backup-PVC settings for a volume whose PVC is in `sourceStorageClass` (keyed by the source class). */
export function backupPvcFor(config: ParsedNodeAgentConfig | undefined, sourceStorageClass: string): BackupPvcSettings {
  const entry = config?.document.backupPVC?.[sourceStorageClass];
  const readOnly = entry?.readOnly === true;
  return {
    storageClass: entry?.storageClass || sourceStorageClass,
    readOnly,
    accessMode: readOnly ? BackupPvcAccessMode.ReadOnlyMany : BackupPvcAccessMode.ReadWriteOnce,
    spcNoRelabeling: readOnly && entry?.spcNoRelabeling === true,
    annotations: { ...(entry?.annotations ?? {}) },
  };
}

/**
 * The required node affinity for a data-mover pod of a volume in `storageClass` (for backups:
 * the mapped backup-PVC class): the `loadAffinity` entry with that class, else the first entry
 * without a class; `undefined` when none applies. matchLabels become `In` requirements (sorted by
 * key), followed by matchExpressions.
 */
export function loadAffinityFor(config: ParsedNodeAgentConfig | undefined, storageClass: string): RequiredNodeAffinity | undefined {
  let fallback: LabelSelector | undefined;
  let chosen: LabelSelector | undefined;
  for (const entry of config?.document.loadAffinity ?? []) {
    const entryClass = entry.storageClass ?? '';
    if (entryClass !== '' && entryClass === storageClass) {
      chosen = entry.nodeSelector;
      break;
    }
    if (entryClass === '' && fallback === undefined) fallback = entry.nodeSelector;
  }
  const selector = chosen ?? fallback;
  if (!selector) return undefined;
  const fromLabels = Object.entries(selector.matchLabels ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => ({ key, operator: 'In', values: [value] }));
  const fromExpressions = (selector.matchExpressions ?? []).map((expression) =>
    expression.values
      ? { key: expression.key, operator: expression.operator, values: [...expression.values] }
      : { key: expression.key, operator: expression.operator },
  );
  return { nodeSelectorTerms: [{ matchExpressions: [...fromLabels, ...fromExpressions] }] };
}

/** Resources for data-mover pods; `undefined` when none are configured or Velero would ignore the block. */
export function podResourcesOf(config: ParsedNodeAgentConfig | undefined): PodResourceRequirements | undefined {
  return evaluatePodResources(config?.document.podResources).resources;
}
