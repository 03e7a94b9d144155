import { backupFromFlags, backupSpecFromFlags } from './backup-flags';
import { labelSelectorFlag, mapFlag, optionalBool } from './flag-values';
import { defaultRestoreName, restoreFromFlags } from './restore-flags';
import { scheduleFromFlags } from './schedule-flags';

describe('backup flags - the spec Velero sends', () => {
  it('sends include-namespaces * and 0s durations when nothing is given', () => {
    expect(backupSpecFromFlags({})).toEqual({
      ok: true,
      value: { includedNamespaces: ['*'], ttl: '0s', csiSnapshotTimeout: '0s', itemOperationTimeout: '0s', hooks: {} },
    });
  });

  it('maps every flag to its field', () => {
    const result = backupFromFlags('velero', 'b1', {
      includeNamespaces: ['app', 'db'],
      excludeNamespaces: ['kube-system'],
      includeResources: ['pods', 'persistentvolumeclaims'],
      excludeResources: ['secrets'],
      selector: 'app=web',
      snapshotMoveData: true,
      defaultVolumesToFsBackup: 'false',
      resourcePoliciesConfigmap: 'policies',
      storageLocation: 'default',
      ttl: '24h',
      labels: 'team=a',
    });
    expect(result).toEqual({
      ok: true,
      value: {
        apiVersion: 'velero.io/v1',
        kind: 'Backup',
        metadata: { namespace: 'velero', name: 'b1', labels: { team: 'a' } },
        spec: {
          includedNamespaces: ['app', 'db'],
          excludedNamespaces: ['kube-system'],
          includedResources: ['pods', 'persistentvolumeclaims'],
          excludedResources: ['secrets'],
          labelSelector: { matchLabels: { app: 'web' } },
          snapshotMoveData: true,
          defaultVolumesToFsBackup: false,
          storageLocation: 'default',
          resourcePolicy: { kind: 'configmap', name: 'policies' },
          ttl: '24h0m0s',
          csiSnapshotTimeout: '0s',
          itemOperationTimeout: '0s',
          hooks: {},
        },
      },
    });
  });

  it.each([
    [{ ttl: '3d' }, 'invalid value "3d" for --ttl: time: unknown unit "d" in duration "3d" (use a Go duration such as 720h, 30m or 1h30m)'],
    [
      { snapshotMoveData: 'b2' },
      'invalid value "b2" for --snapshot-move-data: use --snapshot-move-data alone for true or --snapshot-move-data=false',
    ],
    [
      { selector: 'app=web,(' },
      `invalid value "app=web,(" for --selector: cannot parse "(" (use k=v, k!=v, 'k in (a,b)', k or !k, comma-separated)`,
    ],
    [{ includeNamespaces: ['app'], excludeNamespaces: ['app'] }, 'invalid --include-namespaces/--exclude-namespaces:'],
    [{ labels: 'team' }, 'invalid value "team" for --labels: error parsing "team" (use key=value,key=value)'],
  ])('rejects %j naming the flag', (values, message) => {
    const result = backupFromFlags('velero', 'b1', values);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toContain(message);
  });
});

describe('flag values - parsers', () => {
  it.each([
    [undefined, undefined],
    [true, true],
    ['true', true],
    ['false', false],
    ['0', false],
  ])('optionalBool(%s) = %s', (value, expected) => {
    expect(optionalBool('x', value)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['a=1,b==2', { matchLabels: { a: '1', b: '2' } }],
    ['env!=dev', { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] }],
    [
      'tier in (a, b),has,!not',
      {
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['a', 'b'] },
          { key: 'has', operator: 'Exists' },
          { key: 'not', operator: 'DoesNotExist' },
        ],
      },
    ],
    ['x notin (y)', { matchExpressions: [{ key: 'x', operator: 'NotIn', values: ['y'] }] }],
  ])('labelSelectorFlag(%s)', (text, selector) => {
    expect(labelSelectorFlag('selector', text)).toEqual({ ok: true, value: selector });
  });

  it('reads namespace mappings with their delimiters', () => {
    expect(mapFlag('namespace-mappings', 'a:b,c:d', ',', ':')).toEqual({ ok: true, value: { a: 'b', c: 'd' } });
    expect(mapFlag('namespace-mappings', 'a=b', ',', ':')).toEqual({
      ok: false,
      message: 'invalid value "a=b" for --namespace-mappings: error parsing "a=b" (use key:value,key:value)',
    });
  });
});

describe('restore flags - the Restore Velero sends', () => {
  const now = Date.parse('2026-12-06T22:15:09Z');

  it('names it <backup>-<yyyyMMddHHmmss> and maps the flags', () => {
    expect(
      restoreFromFlags(
        'velero',
        undefined,
        { fromBackup: 'b1', namespaceMappings: 'app:app2', existingResourcePolicy: 'update', restoreVolumes: true },
        now,
      ),
    ).toEqual({
      ok: true,
      value: {
        apiVersion: 'velero.io/v1',
        kind: 'Restore',
        metadata: { namespace: 'velero', name: 'b1-20261206221509' },
        spec: {
          backupName: 'b1',
          includedNamespaces: ['*'],
          existingResourcePolicy: 'update',
          namespaceMapping: { app: 'app2' },
          restorePVs: true,
          itemOperationTimeout: '0s',
          uploaderConfig: {},
        },
      },
    });
    expect(defaultRestoreName('nightly', now)).toBe('nightly-20261206221509');
  });

  it.each([
    [{}, 'either a backup or schedule must be specified: use --from-backup NAME or --from-schedule NAME'],
    [
      { fromBackup: 'b', fromSchedule: 's' },
      'either a backup or schedule must be specified, but not both: use --from-backup or --from-schedule',
    ],
    [
      { fromBackup: 'b', existingResourcePolicy: 'replace' },
      'existing-resource-policy has invalid value "replace", it accepts only none, update as value',
    ],
    [{ fromBackup: 'b', namespaceMappings: 'a' }, 'invalid value "a" for --namespace-mappings'],
  ])('rejects %j', (values, message) => {
    const result = restoreFromFlags('velero', 'r', values, now);
    expect(result.ok ? '' : result.message).toContain(message);
  });
});

describe('schedule flags - the Schedule Velero sends', () => {
  it('takes the backup flags as the template', () => {
    const result = scheduleFromFlags('velero', 'daily', { schedule: '@every 24h', includeNamespaces: ['web'], ttl: '2160h' });
    expect(result).toEqual({
      ok: true,
      value: {
        apiVersion: 'velero.io/v1',
        kind: 'Schedule',
        metadata: { namespace: 'velero', name: 'daily' },
        spec: {
          template: { includedNamespaces: ['web'], ttl: '2160h0m0s', csiSnapshotTimeout: '0s', itemOperationTimeout: '0s', hooks: {} },
          schedule: '@every 24h',
          useOwnerReferencesInBackup: false,
          paused: false,
        },
      },
    });
  });

  it.each([
    [{}, '--schedule is required'],
    [{ schedule: 'daily' }, 'invalid value "daily" for --schedule: expected exactly 5 fields, found 1: [daily]'],
  ])('rejects %j', (values, message) => {
    const result = scheduleFromFlags('velero', 'daily', values);
    expect(result.ok ? '' : result.message).toContain(message);
  });
});
