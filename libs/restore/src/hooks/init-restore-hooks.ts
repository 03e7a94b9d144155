// Velero's init restore hooks (internal/hook/item_hook_handler.go InitContainerRestoreHookHandler,
// pkg/restore/actions/init_restorehook_pod_action.go): init containers put in front of a restored
// pod's own, from its annotations or else from the Restore's applicable resource hooks. Pure.
import { RestoreRuleError, RestoreRuleErrorCode } from '../errors';
import { asObject, mappedNamespace, nestedValue, stringMapOf, type ItemJson } from '../items/item-json';
import { hookAppliesTo, initContainerError, parseStringToCommand, type ResourceRestoreHook } from './restore-hooks';

/** The pod annotations of an init restore hook. */
export const InitHookAnnotation = {
  ContainerImage: 'init.hook.restore.velero.io/container-image',
  ContainerName: 'init.hook.restore.velero.io/container-name',
  Command: 'init.hook.restore.velero.io/command',
} as const;

/** The init container of a pod volume restore, which stays first (Velero's `restorehelper.WaitInitContainer`). */
export const restoreWaitContainerName = 'restore-wait';

/**
 * Velero's `getInitContainerFromAnnotation`: the container the annotations describe, undefined
 * without an image; named `velero-restore-init-<first group of randomUuid()>` when the name
 * annotation is empty; without a command annotation the image's own entrypoint runs (what
 * Velero logs it does; its plugin panics on the empty command instead). Pure.
 */
export function initContainerFromAnnotations(
  annotations: Readonly<Record<string, string>> | undefined,
  randomUuid: () => string,
): ItemJson | undefined {
  const image = annotations?.[InitHookAnnotation.ContainerImage] ?? '';
  if (image === '') return undefined;
  const name = annotations?.[InitHookAnnotation.ContainerName] || `velero-restore-init-${randomUuid().split('-')[0] ?? ''}`;
  const command = annotations?.[InitHookAnnotation.Command] ?? '';
  return command === '' ? { name, image } : { name, image, command: parseStringToCommand(command) };
}

/** The init containers of the applicable resource hooks, in order; throws Velero's error for an invalid one. */
function specInitContainers(pod: ItemJson, hooks: readonly ResourceRestoreHook[], namespace: string): unknown[] {
  const labels = stringMapOf(pod, 'labels');
  return hooks
    .filter((hook) => hookAppliesTo(hook.selector, 'pods', namespace, labels))
    .flatMap((hook) => hook.postHooks.flatMap((postHook) => postHook.init?.initContainers ?? []))
    .map((container) => {
      const problem = initContainerError(container);
      if (problem !== undefined) throw new RestoreRuleError(RestoreRuleErrorCode.InvalidRestoreHook, problem);
      return container;
    });
}

/**
 * Velero's `HandleRestoreHooks` for a pod as backed up (its namespace not yet mapped): the init
 * container from its annotations when they name an image, else those of every resource hook that
 * applies to it in its target namespace (`namespaceMapping` applied); these go before the pod's
 * own init containers, after a leading `restore-wait` one. Throws (an item error, Velero's text)
 * for an invalid init container. Pure.
 */
export function withInitRestoreHooks(
  pod: ItemJson,
  hooks: readonly ResourceRestoreHook[],
  namespaceMapping: Readonly<Record<string, string>>,
  randomUuid: () => string,
): ItemJson {
  const spec = asObject(pod['spec']) ?? {};
  const existing: unknown[] = Array.isArray(spec['initContainers']) ? spec['initContainers'] : [];
  const keepsWaitFirst = nestedValue(existing[0], 'name') === restoreWaitContainerName;
  const fromAnnotations = initContainerFromAnnotations(stringMapOf(pod, 'annotations'), randomUuid);
  const namespace = String(nestedValue(pod, 'metadata', 'namespace') ?? '');
  const added = fromAnnotations
    ? [fromAnnotations]
    : specInitContainers(pod, hooks, mappedNamespace(namespaceMapping, namespace) ?? namespace);
  if (added.length === 0) return pod;
  const initContainers = keepsWaitFirst ? [existing[0], ...added, ...existing.slice(1)] : [...added, ...existing];
  return { ...pod, spec: { ...spec, initContainers } };
}
