import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupDefinition, type Backup } from '@ferry/api';
import { createMinioStorageLocation } from '@ferry/devenv';
import {
  connectTestContracts,
  createTestNamespace,
  deleteTestNamespace,
  ferryServiceInstances,
  loadEnvironmentInfo,
  startFerryService,
  type FerryServiceProcess,
  type TestContracts,
} from '@ferry/devenv/testing';
import { createCustomResourceClient, createKubeClient } from '@ferry/kube';
import { runFerry } from './ferry-process';

/**
 * `ferry backup …` run as processes against the real environment: the controller (role server)
 * and the policy service reconcile what the CLI submits; `--wait` follows the Backup to its final
 * phase and exits with its code; `get` and `describe` print what the cluster holds.
 */
describe('ferry backup - as a process against the controller', () => {
  const info = loadEnvironmentInfo();
  const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
  const backups = createCustomResourceClient<Backup>(kube, backupDefinition);
  const services: FerryServiceProcess[] = [];
  let topology: TestContracts;
  let namespace: string;
  let appNamespace: string;
  let workRoot: string;

  const ferry = (...args: string[]) => runFerry([...args, '-n', namespace], info.kubeconfigPath);

  beforeAll(async () => {
    topology = await connectTestContracts('cli-backup-it', info.natsUrl);
    namespace = await createTestNamespace(kube, 'cli-velero');
    appNamespace = await createTestNamespace(kube, 'cli-app');
    await kube.core.createNamespacedConfigMap({
      namespace: appNamespace,
      body: { metadata: { name: 'settings' }, data: { mode: 'demo' } },
    });
    await createMinioStorageLocation(kube, info.s3, { namespace, prefix: `cli-it/${namespace}`, isDefault: true });
    workRoot = await mkdtemp(join(tmpdir(), 'ferry-cli-it-'));
    const target = { natsUrl: info.natsUrl, kubeconfigPath: info.kubeconfigPath, namespace, natsNamespace: topology.contracts.namespace };
    const hosts = { nodes: info.nodes, binaries: info.binaries, workRoot };
    const env = { FERRY_CONTROLLER_RESYNC: '1s' };
    for (const instance of [
      ...ferryServiceInstances('policy', hosts, env),
      ...ferryServiceInstances('controller', hosts, { ...env, FERRY_CONTROLLER_ROLE: 'server', FERRY_POD_NAME: 'ferry-controller-cli-it' }),
    ]) {
      services.push(await startFerryService({ ...instance, name: `${namespace}-${instance.app}` }, info.stateDir, target));
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all(services.map((service) => service.process.stop()));
    await topology?.dispose();
    if (workRoot) await rm(workRoot, { recursive: true, force: true });
    if (appNamespace) await deleteTestNamespace(kube, appNamespace);
    if (namespace) await deleteTestNamespace(kube, namespace);
  });

  it('create --wait follows the backup to Completed and exits 0; get and describe show it', async () => {
    const created = await ferry('backup', 'create', 'app-backup', '--include-namespaces', appNamespace, '--ttl', '24h', '--wait');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Backup request "app-backup" submitted successfully.\n');
    expect(created.stdout).toMatch(/^backup InProgress \| items \d+\/\d+/m);
    expect(created.stdout).toContain('Backup completed with status: Completed.');

    const backup = await backups.get(namespace, 'app-backup');
    expect(backup.spec).toMatchObject({ includedNamespaces: [appNamespace], ttl: '24h0m0s' });

    const listed = await ferry('backup', 'get');
    expect(listed.code).toBe(0);
    const [header, row] = listed.stdout.split('\n');
    expect(header).toMatch(/^NAME\s+STATUS\s+ERRORS\s+WARNINGS\s+CREATED\s+EXPIRES\s+STORAGE LOCATION\s+QUEUE POSITION\s+SELECTOR$/);
    expect(row?.split(/\s{3,}/)).toEqual([
      'app-backup',
      'Completed',
      '0',
      '0',
      expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000 UTC$/),
      '23h',
      'default',
      '<none>',
    ]);

    const described = await ferry('backup', 'describe', 'app-backup');
    expect(described.code).toBe(0);
    const total = backup.status?.progress?.totalItems ?? -1;
    expect(described.stdout).toContain(
      ['Phase:  Completed', '', '', 'Namespaces:', `  Included:  ${appNamespace}`, '  Excluded:  <none>'].join('\n'),
    );
    expect(described.stdout).toContain(`Total items to be backed up:  ${total}\nItems backed up:              ${total}\n`);
    expect(described.stdout).toContain('TTL:  24h0m0s\n');
  });

  it('create --wait of a backup that fails validation exits 1', async () => {
    const result = await ferry('backup', 'create', 'bad-policies', '--resource-policies-configmap', 'missing', '--wait');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Backup completed with status: FailedValidation.');
  });

  it('a bad flag value names the flag, exits 1 and creates nothing', async () => {
    const result = await ferry('backup', 'create', 'never', '--ttl', '1w');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'An error occurred: invalid value "1w" for --ttl: time: unknown unit "w" in duration "1w" (use a Go duration such as 720h, 30m or 1h30m)\n',
    );
    expect(await backups.find(namespace, 'never')).toBeUndefined();
  });
});
