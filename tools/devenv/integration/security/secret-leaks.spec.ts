// Secrets never leak (issue 15 §5): a full backup and restore — a data-moved claim and an fs-backup
// volume, through Ferry's spawned apps — with recognisable secrets: MinIO's S3 keys (the BSL's
// credential Secret), a repository password and a user Secret's data, and the credentials the
// services hold (their ServiceAccount tokens and NATS passwords). Afterwards every service log,
// every Ferry custom resource and ConfigMap and every Event, every message kept in a JetStream
// stream or seen on the wire, every span in Jaeger, every log and document the runs wrote to the
// bucket, and every process command line sampled while they ran are searched: none holds a secret
// (a DownloadRequest's presigned URL names the S3 access key id by design; its secret key never).
// The same search finds the user Secret in the backup tarball, where it belongs, so it can fail.
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import {
  backupDefinition,
  backupRepositoryDefinition,
  backupStorageLocationDefinition,
  dataDownloadDefinition,
  dataUploadDefinition,
  downloadRequestDefinition,
  podVolumeBackupDefinition,
  podVolumeRestoreDefinition,
  restoreDefinition,
  scheduleDefinition,
  type DownloadRequest,
  type ResourceDefinition,
} from '@ferry/api';
import { createCustomResourceClient } from '@ferry/kube';
import { createLogger } from '@ferry/logger';
import { connectNats, type NatsClient } from '@ferry/nats';
import { setRepositoryPassword } from '../../src/storage-location';
import { eventually } from '../../src/testing/eventually';
import { deleteTestNamespace } from '../../src/testing/test-namespaces';
import { startApplicationHarness, type ApplicationHarness } from '../../src/testing/application-harness';
import {
  captureWire,
  findLeaks,
  jaegerSpans,
  logFiles,
  sampleArgv,
  serviceCredentials,
  streamMessages,
  type ArgvSampler,
  type PlantedSecret,
  type SearchedText,
  type WireCapture,
} from './leak-search';

const policyDocument = `version: v1
volumePolicies:
- conditions: {pvcLabels: {protect: fs}}
  action: {type: fs-backup}
- conditions: {pvcLabels: {protect: move}}
  action: {type: snapshot, parameters: {snapshotClass: ferry-snapclass}}
`;
const terminal = ['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'];
const canary = randomBytes(6).toString('hex');
const repositoryPassword = `ferry-canary-repo-password-${canary}`;
const userSecret = `ferry-canary-user-secret-${canary}`;
const veleroKinds: readonly ResourceDefinition[] = [
  backupDefinition,
  restoreDefinition,
  scheduleDefinition,
  backupStorageLocationDefinition,
  backupRepositoryDefinition,
  downloadRequestDefinition,
  dataUploadDefinition,
  dataDownloadDefinition,
  podVolumeBackupDefinition,
  podVolumeRestoreDefinition,
];

/**
 * A DownloadRequest's presigned URL names the S3 access key id in `X-Amz-Credential`, as SigV4 query
 * signing does (Velero's do too): that is what the URL is for, and the id is not the signing key.
 * Everything else in the URL (the signature, never the secret key) is still searched.
 */
const withoutPresignedKeyId = (json: string): string => json.replace(/X-Amz-Credential=[^&"]*/g, 'X-Amz-Credential=<key id>');

/** Every Ferry custom resource, ConfigMap and Event in every namespace, each as its JSON. */
async function clusterTexts(h: ApplicationHarness): Promise<SearchedText[]> {
  const texts: SearchedText[] = [];
  for (const definition of veleroKinds) {
    for (const object of await createCustomResourceClient(h.kube, definition).list()) {
      const { namespace, name } = (object as { metadata: { namespace?: string; name?: string } }).metadata;
      const json = JSON.stringify(object);
      const text = definition === downloadRequestDefinition ? withoutPresignedKeyId(json) : json;
      texts.push({ place: `${definition.kind} ${namespace}/${name}`, text });
    }
  }
  for (const map of (await h.kube.core.listConfigMapForAllNamespaces()).items) {
    texts.push({ place: `ConfigMap ${map.metadata?.namespace}/${map.metadata?.name}`, text: JSON.stringify(map) });
  }
  for (const event of (await h.kube.core.listEventForAllNamespaces()).items) {
    texts.push({ place: `Event ${event.metadata?.namespace}/${event.metadata?.name}`, text: JSON.stringify(event) });
  }
  return texts;
}

/** The bucket's files of BSL `default` as text (gzip inflated), the backup tarballs apart. */
async function bucketTexts(h: ApplicationHarness): Promise<{ files: SearchedText[]; tarballs: SearchedText[] }> {
  const files: SearchedText[] = [];
  const tarballs: SearchedText[] = [];
  for (const key of await h.store.listKeys(`${h.store.prefix}/`)) {
    if (!/\/(backups|restores)\//.test(key)) continue; // repository data is encrypted with the password
    const bytes = Buffer.from((await h.store.getObject(key)) ?? new Uint8Array());
    const text = (key.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('latin1');
    (key.endsWith('.tar.gz') ? tarballs : files).push({ place: `bucket ${key}`, text });
  }
  return { files, tarballs };
}

describe('secret leaks - a whole backup and restore leaves no secret in logs, objects, messages, spans or argv', () => {
  let h: ApplicationHarness;
  let nats: NatsClient;
  let wire: WireCapture;
  let argv: ArgvSampler;
  let secrets: PlantedSecret[];
  let restoredSecret = '';
  const searched = new Map<string, number>();

  beforeAll(async () => {
    argv = sampleArgv();
    h = await startApplicationHarness('leaks', ['policy', 'exposer', 'mover']);
    nats = await connectNats({
      name: 'leak-search',
      servers: h.info.natsUrl,
      credentials: h.info.natsTestCredentials,
      logger: createLogger({ name: 'leak-search', level: 'warn' }),
    });
    wire = captureWire(nats, h.natsNamespace);
    secrets = [
      { name: 's3-secret-access-key', value: h.info.s3.secretAccessKey },
      { name: 's3-access-key-id', value: h.info.s3.accessKeyId },
      { name: 'repository-password', value: repositoryPassword },
      { name: 'user-secret', value: userSecret },
      ...(await serviceCredentials(h.info.stateDir, h.namespace, h.natsNamespace)),
    ];
    expect(secrets.filter((secret) => secret.name.startsWith('token of ')).length).toBeGreaterThan(0);
    expect(secrets.filter((secret) => secret.name.startsWith('NATS password of ')).length).toBeGreaterThan(0);
    await setRepositoryPassword(h.kube, h.namespace, repositoryPassword);
    await h.kube.core.createNamespacedSecret({
      namespace: h.appNamespace,
      body: { metadata: { name: 'app-token' }, type: 'Opaque', stringData: { token: userSecret } },
    });
    await h.filledClaim('moved', { protect: 'move' });
    await h.filledClaim('files', { protect: 'fs' });
    await h.appPod('app', 'files');
    await h.kube.core.createNamespacedConfigMap({
      namespace: h.namespace,
      body: { metadata: { name: 'volume-policy' }, data: { 'policy.yaml': policyDocument } },
    });
    await h.createBackup('leaky', {
      includedNamespaces: [h.appNamespace],
      snapshotMoveData: true,
      resourcePolicy: { kind: 'configmap', name: 'volume-policy' },
    });
    expect((await h.backupIn('leaky', terminal)).status?.phase).toBe('Completed');
    // What `velero backup logs` asks for: a presigned URL of the backup's log.
    const downloads = createCustomResourceClient<DownloadRequest>(h.kube, downloadRequestDefinition);
    await downloads.create({
      apiVersion: 'velero.io/v1',
      kind: 'DownloadRequest',
      metadata: { name: 'leaky-logs', namespace: h.namespace },
      spec: { target: { kind: 'BackupLog', name: 'leaky' } },
    });
    await eventually('the DownloadRequest processed', async () => (await downloads.get(h.namespace, 'leaky-logs')).status?.downloadURL);

    await deleteTestNamespace(h.kube, h.appNamespace);
    const restore = await h.restoreUntil('r-leaky', { backupName: 'leaky' }, terminal);
    expect(restore.status?.phase).toBe('Completed');
    const restored = await h.kube.core.readNamespacedSecret({ namespace: h.appNamespace, name: 'app-token' });
    restoredSecret = Buffer.from(restored.data?.['token'] ?? '', 'base64').toString('utf8');
    // Spans are exported in batches every 500 ms; the last ones of the restore land shortly after.
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }, 900_000);

  afterAll(async () => {
    // What was searched, for the record of the run.
    process.stdout.write(`secret leak search: ${[...searched].map(([place, count]) => `${count} ${place}`).join(', ')}\n`);
    await argv?.stop();
    wire?.stop();
    await nats?.close();
    await h?.close();
  }, 120_000);

  it('the restore brought the user Secret back and the backup tarball holds it (the search finds a planted secret)', async () => {
    expect(restoredSecret).toBe(userSecret);
    const { tarballs } = await bucketTexts(h);
    expect(findLeaks(tarballs, secrets).map((finding) => finding.secret)).toContain('user-secret');
  });

  it('no service or server log holds a secret', async () => {
    const logs = await logFiles(h.info.stateDir);
    searched.set('log files', logs.length);
    expect(logs.map((log) => log.place)).toContain(`log ${h.namespace}-controller-1.log`);
    expect(findLeaks(logs, secrets)).toEqual([]);
  });

  it('no custom resource, ConfigMap or Event holds a secret', async () => {
    const texts = await clusterTexts(h);
    searched.set('objects and Events', texts.length);
    expect(texts.some((text) => text.place.startsWith('DataUpload '))).toBe(true);
    expect(texts.some((text) => text.place === `DownloadRequest ${h.namespace}/leaky-logs` && text.text.includes('X-Amz-Signature='))).toBe(
      true,
    );
    expect(findLeaks(texts, secrets)).toEqual([]);
  });

  it('no message kept in a JetStream stream, nor a message seen on the wire, holds a secret', async () => {
    const stored = await streamMessages(nats);
    expect(stored.some((text) => text.place.includes('.event.move.v1.result.'))).toBe(true);
    expect(wire.texts.some((text) => text.place.includes('.job.move.'))).toBe(true);
    searched.set('stream messages', stored.length).set('wire messages', wire.texts.length);
    expect(findLeaks([...stored, ...wire.texts], secrets)).toEqual([]);
  });

  it('no span in Jaeger holds a secret', async () => {
    const spans = await jaegerSpans(h.info.jaeger);
    searched.set('spans', spans.length);
    expect(spans.some((span) => span.place.startsWith('span ferry-mover/'))).toBe(true);
    expect(findLeaks(spans, secrets)).toEqual([]);
  });

  it('no log, result or document the backup and restore wrote to the bucket holds a secret', async () => {
    const { files } = await bucketTexts(h);
    searched.set('bucket files', files.length);
    expect(files.some((file) => file.place.endsWith('-logs.gz'))).toBe(true);
    expect(findLeaks(files, secrets)).toEqual([]);
  });

  it('no process command line sampled during the run holds a secret (restic and kopia among them)', () => {
    const lines = [...argv.seen];
    searched.set('command lines', lines.length).set('argv samples', argv.samples());
    expect(argv.samples()).toBeGreaterThan(10);
    expect(lines.some((line) => /\b(restic|kopia)\b/.test(line))).toBe(true);
    expect(
      findLeaks(
        lines.map((line) => ({ place: 'argv', text: line })),
        secrets,
      ),
    ).toEqual([]);
  });
});
