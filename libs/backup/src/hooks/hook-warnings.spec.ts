import { type BackupSpec } from '@ferry/api';
import { hooksNotSupported, podHookWarnings, specHookWarnings, type HookedPod } from './hook-warnings';

describe('hook warnings - spec hooks', () => {
  it.each<[string, BackupSpec, string[]]>([
    ['no hooks', {}, []],
    ['empty resources', { hooks: { resources: [] } }, []],
    [
      'pre and post hooks, each named',
      {
        hooks: {
          resources: [
            {
              name: 'db',
              pre: [{ exec: { command: ['/bin/sh', '-c', 'fsfreeze -f /data'] } }, { exec: { command: ['sync'] } }],
              post: [{ exec: { command: ['fsfreeze', '-u', '/data'] } }],
            },
          ],
        },
      },
      [
        `backup hook "db" pre[0] (["/bin/sh","-c","fsfreeze -f /data"]) was not run: ${hooksNotSupported}`,
        `backup hook "db" pre[1] (["sync"]) was not run: ${hooksNotSupported}`,
        `backup hook "db" post[0] (["fsfreeze","-u","/data"]) was not run: ${hooksNotSupported}`,
      ],
    ],
  ])('%s', (_, spec, warnings) => {
    expect(specHookWarnings(spec)).toEqual(warnings);
  });
});

describe('hook warnings - pod annotations', () => {
  const pod = (annotations: Record<string, string> | undefined): HookedPod => ({ namespace: 'app', name: 'db-0', annotations });
  it.each<[string, Record<string, string> | undefined, string[]]>([
    ['none', undefined, []],
    ['unrelated', { 'pre.hook.backup.velero.io/container': 'db' }, []],
    [
      'legacy key is a pre hook',
      { 'hook.backup.velero.io/command': 'sync' },
      [`pod hook pre (hook.backup.velero.io/command: sync) of pod app/db-0 was not run: ${hooksNotSupported}`],
    ],
    [
      'phased keys win over the legacy one',
      {
        'pre.hook.backup.velero.io/command': '["a"]',
        'hook.backup.velero.io/command': 'legacy',
        'post.hook.backup.velero.io/command': '["b"]',
      },
      [
        `pod hook pre (pre.hook.backup.velero.io/command: ["a"]) of pod app/db-0 was not run: ${hooksNotSupported}`,
        `pod hook post (post.hook.backup.velero.io/command: ["b"]) of pod app/db-0 was not run: ${hooksNotSupported}`,
      ],
    ],
  ])('%s', (_, annotations, warnings) => {
    expect(podHookWarnings(pod(annotations))).toEqual(warnings);
  });
});
