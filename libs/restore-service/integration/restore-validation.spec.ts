// Bad Restores against the real API server: each ends FailedValidation with Velero's messages.
import type { RestoreSpec } from '@ferry/api';
import { eventually } from '@ferry/devenv/testing';
import { front } from './restore-fixtures';
import { backups, kube, useRestoreWorld } from './restore-harness';

describe('restore service - validation', () => {
  const world = useRestoreWorld('rsv');

  it.each<[string, () => Promise<RestoreSpec>, () => string[]]>([
    ['neither source', async () => ({}), () => ['Either a backup or schedule must be specified as a source for the restore, but not both']],
    [
      'both sources',
      async () => ({ backupName: 'b-app', scheduleName: 'nightly' }),
      () => ['Either a backup or schedule must be specified as a source for the restore, but not both'],
    ],
    [
      'a missing backup',
      async () => ({ backupName: 'nope' }),
      () => [`Error retrieving backup: can't find backup ${world.velero}/nope: backups.velero.io "nope" not found`],
    ],
    [
      'a non-restorable resource',
      async () => ({ backupName: 'b-app', includedResources: ['nodes'] }),
      () => [
        'nodes are non-restorable resources',
        'Invalid included/excluded resource lists: excludes list cannot contain an item in the includes list: nodes',
      ],
    ],
    [
      'an unknown existingResourcePolicy',
      async () => ({ backupName: 'b-app', existingResourcePolicy: 'sometimes' }),
      () => ['Invalid ExistingResourcePolicy: sometimes'],
    ],
    [
      'both selector kinds',
      async () => ({ backupName: 'b-app', labelSelector: { matchLabels: front }, orLabelSelectors: [{ matchLabels: front }] }),
      () => ['encountered labelSelector as well as orLabelSelectors in restore spec, only one can be specified'],
    ],
    [
      'a schedule without backups',
      async () => ({ scheduleName: 'nightly' }),
      () => ['No backups found for schedule', 'No completed backups found for schedule'],
    ],
    [
      'a backup still running',
      async () => {
        await backups.create({
          apiVersion: 'velero.io/v1',
          kind: 'Backup',
          metadata: { name: 'b-running', namespace: world.velero },
          spec: { storageLocation: world.bsl },
        });
        await backups.patch(world.velero, 'b-running', { status: { phase: 'InProgress' } });
        await eventually('the Backup cached', async () => (await backups.get(world.velero, 'b-running')).status?.phase === 'InProgress');
        return { backupName: 'b-running' };
      },
      () => ['backup b-running is in phase InProgress; only Completed or PartiallyFailed backups can be restored'],
    ],
    [
      'a resource policy with volume policies',
      async () => {
        await kube.core.createNamespacedConfigMap({
          namespace: world.velero,
          body: {
            metadata: { name: 'policy' },
            data: { policy: 'version: v1\nvolumePolicies:\n- conditions: {}\n  action: {type: skip}\n' },
          },
        });
        return { backupName: 'b-app', resourcePolicy: { kind: 'configmap', name: 'policy' } };
      },
      () => ['volumePolicies in the resource policy is not supported for restore'],
    ],
  ])('fails validation for %s with Velero’s message', async (_name, spec, messages) => {
    const done = await world.restore(await spec());
    expect(done.status?.phase).toBe('FailedValidation');
    expect(done.status?.validationErrors).toEqual(messages());
  });
});
