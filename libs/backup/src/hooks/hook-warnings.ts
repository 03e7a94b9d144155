// Backup hooks Ferry cannot run (it has no way to exec into containers): each hook of the Backup's
// spec and each pod hook annotation becomes a warning naming it, never a silent skip.
import type { BackupSpec } from '@ferry/api';

/** Why no exec hook runs, the tail of every backup and restore exec hook warning. */
export const hooksNotSupported = 'Ferry does not run exec hooks (it cannot execute commands in containers)';

/** The pod annotations Velero reads hooks from, per phase (`pre.`/`post.` prefix; unprefixed = legacy pre). */
export const podHookCommandAnnotation = 'hook.backup.velero.io/command';

const commandText = (command: readonly string[]): string => JSON.stringify(command);

/**
 * One warning per exec hook of `spec.hooks.resources` (pre, then post, in order):
 * `backup hook "<resource hook>" pre[0] (<command JSON>) was not run: <why>`. Belongs in the
 * results' `velero` part. Pure.
 */
export function specHookWarnings(spec: Pick<BackupSpec, 'hooks'>): string[] {
  return (spec.hooks?.resources ?? []).flatMap((resource) =>
    (['pre', 'post'] as const).flatMap((phase) =>
      (resource[phase] ?? []).map(
        (hook, index) =>
          `backup hook "${resource.name}" ${phase}[${index}] (${commandText(hook.exec.command)}) was not run: ${hooksNotSupported}`,
      ),
    ),
  );
}

/** What {@link podHookWarnings} needs of a pod. */
export interface HookedPod {
  readonly namespace: string;
  readonly name: string;
  readonly annotations?: Readonly<Record<string, string>> | null | undefined;
}

/**
 * One warning per hook a pod's annotations ask for, as Velero reads them: `pre.` (or the legacy
 * unprefixed key when there is no `pre.` one) and `post.` `hook.backup.velero.io/command`:
 * `pod hook pre (pre.hook.backup.velero.io/command: <value>) of pod <ns>/<name> was not run: <why>`.
 * Belongs in the results under the pod's namespace. Pure.
 */
export function podHookWarnings(pod: HookedPod): string[] {
  const annotations = pod.annotations ?? {};
  const pre = annotations[`pre.${podHookCommandAnnotation}`] ? `pre.${podHookCommandAnnotation}` : podHookCommandAnnotation;
  return (
    [
      ['pre', pre],
      ['post', `post.${podHookCommandAnnotation}`],
    ] as const
  ).flatMap(([phase, key]) => {
    const value = annotations[key];
    return value ? [`pod hook ${phase} (${key}: ${value}) of pod ${pod.namespace}/${pod.name} was not run: ${hooksNotSupported}`] : [];
  });
}
