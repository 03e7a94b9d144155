// What the generic restore exposer needs before it can create anything
// (docs/velero-compatibility.md#generic-restore-exposure): the target PVC exists and is unbound
// and, for a WaitForFirstConsumer class, the scheduler chose its node (unless
// `restorePVC.ignoreDelayBinding`). Also the pod settings taken from the live node-agent
// configuration. Reads only.
import { VeleroAnnotation } from '@ferry/api';
import type { ExposerPodTemplate, PersistentVolumeClaim } from '@ferry/exposer';
import { loadAffinityFor, podResourcesOf, type ParsedNodeAgentConfig } from '@ferry/node-agent-config';
import type { RestoreExposureApi } from './restore-exposure-api';

/** The user's PVC a DataDownload restores into. */
export interface RestoreTarget {
  readonly namespace: string;
  readonly name: string;
}

/** Where the target stands: ready (with the node to use), still to wait for, or already bound. */
export type TargetReadiness =
  | { readonly kind: 'ready'; readonly targetPvc: PersistentVolumeClaim; readonly selectedNode?: string }
  | { readonly kind: 'wait'; readonly waitingFor: string }
  | { readonly kind: 'bound'; readonly message: string };

/**
 * Reads the target PVC and its storage class. A missing PVC or class is waited for (the restore
 * may create them after the DataDownload); a Bound PVC is final. Rejects only on API failures.
 */
export async function targetReadiness(
  api: RestoreExposureApi,
  target: RestoreTarget,
  ignoreDelayBinding: boolean,
): Promise<TargetReadiness> {
  const where = `${target.namespace}/${target.name}`;
  const targetPvc = await api.findPvc(target.namespace, target.name);
  if (!targetPvc) return { kind: 'wait', waitingFor: `target PVC ${where} to be created` };
  if (targetPvc.status?.phase === 'Bound' || targetPvc.spec?.volumeName) {
    const pv = targetPvc.spec?.volumeName ?? 'a volume';
    return {
      kind: 'bound',
      message: `target PVC ${where} is already bound to ${pv}: restoring would not reach it; delete it and let the restore recreate it unbound`,
    };
  }
  const className = targetPvc.spec?.storageClassName;
  const mode = className ? await api.bindingModeOf(className) : 'Immediate';
  if (mode === undefined) return { kind: 'wait', waitingFor: `storage class ${className ?? ''} of target PVC ${where} to exist` };
  if (mode !== 'WaitForFirstConsumer' || ignoreDelayBinding) return { kind: 'ready', targetPvc };
  const selectedNode = targetPvc.metadata.annotations?.[VeleroAnnotation.SelectedNode];
  if (!selectedNode) {
    return {
      kind: 'wait',
      waitingFor: `a selected node on target PVC ${where} (${VeleroAnnotation.SelectedNode}): class ${className ?? ''} is WaitForFirstConsumer, so a pod using the PVC must be scheduled first`,
    };
  }
  return { kind: 'ready', targetPvc, selectedNode };
}

/** The target's selector matchLabels (`velero.io/dynamic-pv-restore`), to put on the restored PV. */
export function selectorLabelsOf(pvc: PersistentVolumeClaim): Readonly<Record<string, string>> {
  const spec = pvc.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined;
  return { ...(spec?.selector?.matchLabels ?? {}) };
}

/** `restorePVC.ignoreDelayBinding` of the configuration in effect (false without one). */
export function ignoresDelayBinding(config: ParsedNodeAgentConfig | undefined): boolean {
  return config?.document.restorePVC?.ignoreDelayBinding === true;
}

/**
 * The restore pod's settings: `base` overlaid with the configuration's loadAffinity for the target's
 * class, podResources (when Velero would apply them), priorityClassName, podLabels, podAnnotations.
 */
export function restorePodTemplate(
  base: ExposerPodTemplate,
  config: ParsedNodeAgentConfig | undefined,
  storageClass: string,
): ExposerPodTemplate {
  const affinity = loadAffinityFor(config, storageClass);
  const resources = podResourcesOf(config);
  const doc = config?.document;
  const nonEmpty = (map: Readonly<Record<string, string>> | undefined): map is Readonly<Record<string, string>> =>
    map !== undefined && Object.keys(map).length > 0;
  return {
    ...base,
    ...(affinity
      ? {
          nodeAffinityTerms: affinity.nodeSelectorTerms.map((term) => ({
            matchExpressions: term.matchExpressions.map((e) => ({
              key: e.key,
              operator: e.operator,
              ...(e.values ? { values: [...e.values] } : {}),
            })),
          })),
        }
      : {}),
    ...(resources ? { resources: { requests: { ...resources.requests }, limits: { ...resources.limits } } } : {}),
    ...(doc?.priorityClassName ? { priorityClassName: doc.priorityClassName } : {}),
    ...(nonEmpty(doc?.podLabels) ? { labels: { ...doc.podLabels } } : {}),
    ...(nonEmpty(doc?.podAnnotations) ? { annotations: { ...doc.podAnnotations } } : {}),
  };
}
