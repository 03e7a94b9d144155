// Exec restore hooks Ferry cannot run (it has no way to exec into containers): each one Velero
// would run in a restored pod (internal/hook/item_hook_handler.go GroupRestoreExecHooks) becomes a
// warning naming it and the pod, worded like the backup hooks' warnings — never a silent skip.
import { hooksNotSupported } from '@ferry/backup';
import { nameOf, nestedValue, stringMapOf, type ItemJson } from '../items/item-json';
import { hookAppliesTo, type ResourceRestoreHook } from './restore-hooks';

/** The pod annotation of an exec restore hook's command (its presence makes it the pod's only exec hook). */
export const execHookCommandAnnotation = 'post.hook.restore.velero.io/command';

/**
 * One warning per exec hook Velero would run in `pod` as created in its target namespace: the
 * annotation's hook when `post.hook.restore.velero.io/command` is set
 * (`pod hook post (<annotation>: <value>) of pod <ns>/<name> was not run: <why>`), else each
 * `exec` of the resource hooks that apply to the pod
 * (`restore hook "<name>" postHooks[<i>] (<command JSON>) of pod <ns>/<name> was not run: <why>`).
 * None for a pod without containers (Velero groups no hooks for it). Belongs in the results under
 * the pod's namespace. Pure.
 */
export function execRestoreHookWarnings(pod: ItemJson, hooks: readonly ResourceRestoreHook[]): string[] {
  const containers = nestedValue(pod, 'spec', 'containers');
  if (!Array.isArray(containers) || containers.length === 0) return [];
  const namespace = String(nestedValue(pod, 'metadata', 'namespace') ?? '');
  const podText = `of pod ${namespace}/${nameOf(pod)} was not run: ${hooksNotSupported}`;
  const command = stringMapOf(pod, 'annotations')?.[execHookCommandAnnotation];
  if (command) return [`pod hook post (${execHookCommandAnnotation}: ${command}) ${podText}`];
  const labels = stringMapOf(pod, 'labels');
  return hooks
    .filter((hook) => hookAppliesTo(hook.selector, 'pods', namespace, labels))
    .flatMap((hook) =>
      hook.postHooks.flatMap((postHook, index) =>
        postHook.exec ? [`restore hook "${hook.name}" postHooks[${index}] (${JSON.stringify(postHook.exec.command)}) ${podText}`] : [],
      ),
    );
}
