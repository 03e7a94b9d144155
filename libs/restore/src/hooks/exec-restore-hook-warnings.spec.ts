import type { RestoreSpec } from '@ferry/api';
import { hooksNotSupported } from '@ferry/backup';
import type { ItemJson } from '../items/item-json';
import { execRestoreHookWarnings } from './exec-restore-hook-warnings';
import { restoreHooksFromSpec } from './restore-hooks';

const pod = (annotations?: Record<string, string>, containers: ItemJson[] = [{ name: 'container1' }]): ItemJson => ({
  metadata: { name: 'my-pod', namespace: 'default', labels: { app: 'web' }, ...(annotations ? { annotations } : {}) },
  spec: { containers },
});
const exec = (command: string[], container?: string) => ({ exec: { command, ...(container ? { container } : {}) } });
const warning = (hook: string, index: number, command: string[]) =>
  `restore hook "${hook}" postHooks[${index}] (${JSON.stringify(command)}) of pod default/my-pod was not run: ${hooksNotSupported}`;

// Velero internal/hook/item_hook_handler_test.go TestGroupRestoreExecHooks: one warning per hook it groups.
describe('exec restore hook warnings', () => {
  it.each<[string, ItemJson, RestoreSpec['hooks'], string[]]>([
    ['neither spec nor annotation hooks', pod(), undefined, []],
    [
      'hook from the annotation',
      pod({ 'post.hook.restore.velero.io/command': '/usr/bin/foo', 'post.hook.restore.velero.io/container': 'container1' }),
      undefined,
      [`pod hook post (post.hook.restore.velero.io/command: /usr/bin/foo) of pod default/my-pod was not run: ${hooksNotSupported}`],
    ],
    [
      'hook from the spec',
      pod(),
      { resources: [{ name: 'hook1', postHooks: [exec(['/usr/bin/foo'], 'container1')] }] },
      [warning('hook1', 0, ['/usr/bin/foo'])],
    ],
    [
      'the annotation hook replaces the spec hooks',
      pod({ 'post.hook.restore.velero.io/command': '["/usr/bin/foo"]' }),
      { resources: [{ name: 'hook1', postHooks: [exec(['/usr/bin/bar'], 'container2')] }] },
      [`pod hook post (post.hook.restore.velero.io/command: ["/usr/bin/foo"]) of pod default/my-pod was not run: ${hooksNotSupported}`],
    ],
    ['only an init hook', pod(), { resources: [{ name: 'hook1', postHooks: [{ init: { initContainers: [] } }] }] }, []],
    [
      'spec hook for another namespace',
      pod(),
      { resources: [{ name: 'hook1', includedNamespaces: ['other'], postHooks: [exec(['/usr/bin/foo'])] }] },
      [],
    ],
    [
      'several hooks of several resource hooks, in order',
      pod(),
      {
        resources: [
          {
            name: 'hook1',
            postHooks: [exec(['/usr/bin/foo'], 'container1'), exec(['/usr/bin/baz'], 'container2'), exec(['/usr/bin/bar'])],
          },
          { name: 'hook2', labelSelector: { matchLabels: { app: 'web' } }, postHooks: [exec(['/usr/bin/aaa'])] },
          { name: 'hook3', labelSelector: { matchLabels: { app: 'db' } }, postHooks: [exec(['/usr/bin/bbb'])] },
        ],
      },
      [
        warning('hook1', 0, ['/usr/bin/foo']),
        warning('hook1', 1, ['/usr/bin/baz']),
        warning('hook1', 2, ['/usr/bin/bar']),
        warning('hook2', 0, ['/usr/bin/aaa']),
      ],
    ],
    ['a pod without containers', pod({ 'post.hook.restore.velero.io/command': 'sync' }, []), undefined, []],
  ])('%s', (_, given, hooks, warnings) => {
    expect(execRestoreHookWarnings(given, restoreHooksFromSpec(hooks))).toEqual(warnings);
  });
});
