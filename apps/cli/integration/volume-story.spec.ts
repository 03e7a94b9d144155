import {
  dataDownloadDefinition,
  dataUploadDefinition,
  podVolumeBackupDefinition,
  VeleroLabel,
  type DataDownload,
  type DataUpload,
  type PodVolumeBackup,
} from '@ferry/api';
import { deleteTestNamespace, startApplicationHarness, type ApplicationHarness } from '@ferry/devenv/testing';
import { createCustomResourceClient } from '@ferry/kube';
import { runFerry, runVelero } from './ferry-process';

const policy = `version: v1
volumePolicies:
- conditions: {pvcLabels: {protect: skip}}
  action: {type: skip}
- conditions: {pvcLabels: {protect: fs}}
  action: {type: fs-backup}
- conditions: {pvcLabels: {protect: move}}
  action: {type: snapshot, parameters: {snapshotClass: ferry-snapclass}}
`;

/** The text between `from` (included) and the first `to` after it (or the end). */
const between = (text: string, from: string, to: string): string => {
  const start = text.indexOf(from);
  const end = text.indexOf(to, start + from.length);
  return start < 0 ? `<no ${from}>` : text.slice(start, end < 0 ? text.length : end);
};

/**
 * The story of issue 13 through the CLI, as a user runs it: an application with a moved, an
 * fs-backup and a skipped volume is backed up with `--wait` (progress per volume), described with
 * `--details`, lost, restored with `--wait` and described again. The describe texts are compared
 * with what the test's own objects (DataUploads, PodVolumeBackups, DataDownloads) say.
 */
describe('ferry backup/restore - the volume story as processes', () => {
  let h: ApplicationHarness;
  const ferry = (...args: string[]) => runFerry([...args, '-n', h.namespace], h.info.kubeconfigPath, 400_000);
  const velero = (...args: string[]) => runVelero(h.info.binaries.velero, [...args, '-n', h.namespace], h.info.kubeconfigPath);

  beforeAll(async () => {
    h = await startApplicationHarness('cli-story');
    await h.filledClaim('moved', { protect: 'move' });
    await h.filledClaim('skipped', { protect: 'skip' });
    await h.filledClaim('files', { protect: 'fs' });
    await h.appPod('app', 'files');
    await h.kube.core.createNamespacedConfigMap({
      namespace: h.namespace,
      body: { metadata: { name: 'move-policy' }, data: { 'policy.yaml': policy } },
    });
  }, 400_000);

  afterAll(async () => {
    await h?.close();
  }, 120_000);

  it('backs up with per-volume progress and describes every volume as its objects say', async () => {
    const ns = h.appNamespace;
    const created = await ferry(
      'backup',
      'create',
      'story',
      '--include-namespaces',
      ns,
      '--snapshot-move-data',
      '--resource-policies-configmap',
      'move-policy',
      '--wait',
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(new RegExp(`\\| ${ns}/moved (InProgress|Completed) [0-9.]+ [KM]?i?B`));
    expect(created.stdout).toContain('Backup completed with status: Completed.');

    const selector = { labelSelector: `${VeleroLabel.BackupName}=story` };
    const [upload] = await createCustomResourceClient<DataUpload>(h.kube, dataUploadDefinition).list(h.namespace, selector);
    const [pvb] = await createCustomResourceClient<PodVolumeBackup>(h.kube, podVolumeBackupDefinition).list(h.namespace, selector);
    const described = await ferry('backup', 'describe', 'story', '--details');
    expect(described.code).toBe(0);
    const incremental = upload?.status?.incrementalBytes ?? 0;
    const pvbIncremental = pvb?.status?.incrementalBytes ?? 0;
    const pvbSize = pvb?.status?.progress?.totalBytes ?? 0;
    expect(between(described.stdout, 'Backup Volumes:', 'Volume Transfers:')).toBe(
      [
        'Backup Volumes:',
        '  Velero-Native Snapshots: <none included>',
        '',
        '  CSI Snapshots:',
        `    ${ns}/moved:`,
        '      Data Movement:',
        `        Operation ID: ${upload?.metadata?.labels?.[VeleroLabel.AsyncOperationId] ?? ''}`,
        `        Data Mover: ${upload?.spec?.datamover || 'velero'}`,
        '        Uploader Type: kopia',
        `        Moved data Size (bytes): ${upload?.status?.progress?.totalBytes ?? 0}`,
        ...(incremental > 0 ? [`        Incremental data Size (bytes): ${incremental}`] : []),
        '        Result: succeeded',
        '',
        '  Pod Volume Backups - kopia:',
        '    Completed:',
        `      ${ns}/app: data (size: ${pvbSize}${pvbIncremental > 0 ? `, incremental size: ${pvbIncremental}` : ''})`,
        '',
        '',
      ].join('\n'),
    );
    expect(described.stdout).toMatch(new RegExp(`\\n  ${ns}/moved: +data movement \\(kopia\\), [0-9.]+ [KM]?i?B in [0-9.]+m?s`));
    expect(described.stdout).toMatch(new RegExp(`\\n  ${ns}/skipped: +skipped: `));
    expect(between(described.stdout, 'Resource List:', '\n\n')).toContain(
      `  v1/PersistentVolumeClaim:\n    - ${ns}/files\n    - ${ns}/moved\n    - ${ns}/skipped`,
    );
  });

  it("backup describe -o json --details prints Velero's structured document of the same backup", async () => {
    const ns = h.appNamespace;
    const selector = { labelSelector: `${VeleroLabel.BackupName}=story` };
    const [upload] = await createCustomResourceClient<DataUpload>(h.kube, dataUploadDefinition).list(h.namespace, selector);
    const [pvb] = await createCustomResourceClient<PodVolumeBackup>(h.kube, podVolumeBackupDefinition).list(h.namespace, selector);
    const backup = await h.backups.get(h.namespace, 'story');
    const described = await ferry('backup', 'describe', 'story', '-o', 'json', '--details');
    expect(described).toMatchObject({ code: 0, stderr: '' });
    // Go's encoder: keys sorted, four-space indent, a final newline.
    expect(described.stdout).toMatch(/^\{\n {4}"metadata": \{\n {8}"annotations": /);
    expect(described.stdout.endsWith('}\n')).toBe(true);
    const document = JSON.parse(described.stdout) as Record<string, Record<string, unknown>>;
    expect(Object.keys(document)).toEqual(['metadata', 'phase', 'resourcePolicies', 'spec', 'status']);
    expect(document).toMatchObject({
      metadata: { name: 'story', namespace: h.namespace },
      phase: 'Completed',
      resourcePolicies: { type: 'configmap', name: 'move-policy' },
      spec: {
        namespaces: { included: ns, excluded: '<none>' },
        veleroSnapshotMoveData: 'true',
        storageLocation: backup.spec?.storageLocation,
      },
    });
    const status = document.status ?? {};
    expect(Object.keys(status)).toEqual([...Object.keys(status)].sort());
    const size = upload?.status?.progress?.totalBytes ?? 0;
    const incrementalSize = upload?.status?.incrementalBytes ?? 0;
    const pvbIncremental = pvb?.status?.incrementalBytes ?? 0;
    expect(status).toMatchObject({
      backupFormatVersion: backup.status?.formatVersion,
      totalItemsToBeBackedUp: backup.status?.progress?.totalItems,
      itemsBackedUp: backup.status?.progress?.itemsBackedUp,
      backupVolumes: {
        nativeSnapshots: '<none included>',
        csiSnapshots: {
          [`${ns}/moved`]: {
            dataMovement: {
              operationID: upload?.metadata?.labels?.[VeleroLabel.AsyncOperationId],
              dataMover: upload?.spec?.datamover || 'velero',
              uploaderType: 'kopia',
              result: 'succeeded',
              ...(size > 0 || incrementalSize > 0 ? { size, incrementalSize } : {}),
            },
          },
        },
        podVolumeBackups: {
          uploderType: 'kopia',
          podVolumeBackupsDetails: {
            Completed: [
              {
                [`${ns}/app`]: `data (size: ${pvb?.status?.progress?.totalBytes ?? 0}${pvbIncremental > 0 ? `, incremental size: ${pvbIncremental}` : ''})`,
              },
            ],
          },
        },
      },
    });
    const resources = (status.resourceList ?? {}) as Record<string, string[]>;
    expect(resources['v1/PersistentVolumeClaim']).toEqual([`${ns}/files`, `${ns}/moved`, `${ns}/skipped`]);
    // A Kubernetes time has whole seconds: Go prints `2026-12-07 04:55:00 +0000 UTC` of `2026-12-07T04:55:00Z`.
    expect(status.started).toBe(backup.status?.startTimestamp?.replace('T', ' ').replace('Z', ' +0000 UTC'));
  });

  it('restores the lost application with progress and describes its volumes', async () => {
    const ns = h.appNamespace;
    await deleteTestNamespace(h.kube, ns);
    // No --item-operation-timeout: the CLI sends "0s", which the server reads as its 4h default.
    const created = await ferry('restore', 'create', 'story-restore', '--from-backup', 'story', '--wait');
    const described = await ferry('restore', 'describe', 'story-restore', '--details');
    // On failure the diff shows the whole describe text: the restore's errors and warnings.
    expect(created.code === 0 ? '' : `exit ${created.code}\n${described.stdout}`).toBe('');
    expect(created.stderr).toBe('');
    expect(created.stdout).toMatch(/^restore (InProgress|WaitingForPluginOperations|Finalizing|Completed) \| items \d+\/\d+/m);
    expect(created.stdout).toContain('Restore completed with status: Completed.');

    const [download] = await createCustomResourceClient<DataDownload>(h.kube, dataDownloadDefinition).list(h.namespace, {
      labelSelector: `${VeleroLabel.RestoreName}=story-restore`,
    });
    expect(described.code).toBe(0);
    expect(between(described.stdout, 'kopia Restores:', '\n\n')).toMatch(
      new RegExp(`^kopia Restores:\\n  Completed:\\n    ${ns}/app: data( \\(size: \\d+\\))?$`),
    );
    expect(between(described.stdout, 'CSI Snapshot Restores:', '\n\n')).toBe(
      [
        'CSI Snapshot Restores:',
        `  ${ns}/moved:`,
        '    Data Movement:',
        `      Operation ID: ${download?.metadata?.labels?.[VeleroLabel.AsyncOperationId] ?? ''}`,
        `      Data Mover: ${download?.spec?.datamover ?? ''}`,
        '      Uploader Type: kopia',
      ].join('\n'),
    );
    expect(described.stdout).toMatch(
      new RegExp(`Restore Rate:\\n  Items/s: +[0-9.]+\\n  Duration: +\\S+\\n(.|\\n)*  ${ns}/moved: +data movement, Completed`),
    );
  });

  it('the real velero CLI reads the same backup and restore: get, describe --details and logs print what ferry prints', async () => {
    const listed = await velero('backup', 'get', 'story');
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(listed.stdout).toMatch(/^story +Completed +0 +0 +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000 UTC +29d +default +/m);
    const restores = await velero('restore', 'get', 'story-restore');
    expect(restores.stdout).toMatch(/^story-restore +story +Completed +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000 UTC +\d{4}/m);

    // Velero's describer downloads the volume infos, results, item operations and resource list
    // through DownloadRequests; ferry prints the same sections (and its own after them).
    const [veleroBackup, ferryBackup] = await Promise.all([
      velero('backup', 'describe', 'story', '--details'),
      ferry('backup', 'describe', 'story', '--details'),
    ]);
    expect(veleroBackup).toMatchObject({ code: 0, stderr: '' });
    expect(veleroBackup.stdout).toMatch(/^Phase: +Completed$/m);
    expect(`${veleroBackup.stdout.slice(veleroBackup.stdout.indexOf('Backup Volumes:')).trimEnd()}\n`).toBe(
      `${between(ferryBackup.stdout, 'Backup Volumes:', 'Volume Transfers:').trimEnd()}\n`,
    );
    expect(between(veleroBackup.stdout, 'Resource List:', '\n\n')).toBe(between(ferryBackup.stdout, 'Resource List:', '\n\n'));
    expect(between(veleroBackup.stdout, 'Backup Item Operations:', 'Resource List:')).toBe(
      between(ferryBackup.stdout, 'Backup Item Operations:', 'Resource List:'),
    );

    const [veleroRestore, ferryRestore] = await Promise.all([
      velero('restore', 'describe', 'story-restore', '--details'),
      ferry('restore', 'describe', 'story-restore', '--details'),
    ]);
    expect(veleroRestore).toMatchObject({ code: 0, stderr: '' });
    for (const section of ['Started:', 'kopia Restores:', 'CSI Snapshot Restores:', 'Restore Item Operations:', 'Resource List:']) {
      expect(between(veleroRestore.stdout, section, '\n\n').trimEnd()).toBe(between(ferryRestore.stdout, section, '\n\n').trimEnd());
    }

    const backupLogs = await velero('backup', 'logs', 'story');
    expect(backupLogs.code).toBe(0);
    expect(backupLogs.stdout).toMatch(/^time="[0-9T:-]+Z" level=info msg="Backup finished with phase Completed" backup=[^ ]+\/story$/m);
    const restoreLogs = await velero('restore', 'logs', 'story-restore');
    expect(restoreLogs.code).toBe(0);
    expect(restoreLogs.stdout).toMatch(/^time="[0-9T:-]+Z" level=info msg="restore completed" restore=[^ ]+\/story-restore$/m);
  });
});
