import type { BackupStorageLocation } from '@ferry/api';
import { moveResultSchema } from '@ferry/contracts';
import { UploaderError, UploaderErrorCode } from '@ferry/uploader';
import { describeAwsCredentialsProblem, parseAwsCredentials } from './aws-credentials';
import { classifyError, MoverServiceErrorCode } from './errors';
import { parentSnapshotOf, snapshotTags, type MoveJob } from './move-job-runner';
import { readMoverServiceSettings } from './mover-service-config';
import { pointsInto } from './orphan-tool-reaper';
import { repositoryKey, repositoryLocation, repositoryWorkDir, storageLocationPlan } from './storage-location-mapping';
import { selectVolumePath } from './volume-locator';

describe('mover settings - environment', () => {
  it('requires the node name and defaults the rest', () => {
    expect(() => readMoverServiceSettings({})).toThrow(/^FERRY_NODE_NAME is not set/);
    expect(readMoverServiceSettings({ FERRY_NODE_NAME: 'node-a' })).toEqual({
      nodeName: 'node-a',
      kubeletRoot: '/var/lib/kubelet',
      workDir: '/tmp/ferry-mover',
      resticBinary: 'restic',
      kopiaBinary: 'kopia',
    });
  });

  it('reads every variable', () => {
    expect(
      readMoverServiceSettings({
        FERRY_NODE_NAME: 'n',
        FERRY_KUBELET_ROOT: '/k/',
        FERRY_MOVER_WORK_DIR: '/w',
        FERRY_NODE_AGENT_CONFIGMAP: 'node-agent',
        FERRY_MOVER_JOB_ACK_WAIT: '3s',
        FERRY_RESTIC_BINARY: '/bin/restic',
        FERRY_KOPIA_BINARY: '/bin/kopia',
      }),
    ).toEqual({
      nodeName: 'n',
      kubeletRoot: '/k',
      workDir: '/w',
      nodeAgentConfigMap: 'node-agent',
      jobAckWaitMs: 3000,
      resticBinary: '/bin/restic',
      kopiaBinary: '/bin/kopia',
    });
  });

  it.each([
    [{ FERRY_MOVER_JOB_ACK_WAIT: 'soon' }, /^FERRY_MOVER_JOB_ACK_WAIT="soon" is not a positive duration/],
    [{ FERRY_KUBELET_ROOT: 'var/lib/kubelet' }, /^FERRY_KUBELET_ROOT="var\/lib\/kubelet" is not an absolute path/],
    [{ FERRY_MOVER_WORK_DIR: 'work' }, /^FERRY_MOVER_WORK_DIR="work" is not an absolute path/],
  ])('names the variable of %p', (env, message) => {
    expect(() => readMoverServiceSettings({ FERRY_NODE_NAME: 'n', ...env })).toThrow(
      expect.objectContaining({ code: MoverServiceErrorCode.InvalidSettings, message: expect.stringMatching(message) }),
    );
  });
});

describe('volume path matching - kubelet layout', () => {
  const dir = '/k/pods/uid-1/volumes';
  it.each([
    [
      'a CSI volume uses its mount folder',
      [{ plugin: 'kubernetes.io~csi', hasMount: true }],
      '/k/pods/uid-1/volumes/kubernetes.io~csi/pv-1/mount',
    ],
    [
      'an emptyDir is the folder itself',
      [{ plugin: 'kubernetes.io~empty-dir', hasMount: false }],
      '/k/pods/uid-1/volumes/kubernetes.io~empty-dir/pv-1',
    ],
  ])('%s', (_what, candidates, expected) => {
    expect(selectVolumePath(dir, 'pv-1', candidates)).toBe(expected);
  });

  it('fails without a match naming the searched pattern, and on ambiguity naming both', () => {
    expect(() => selectVolumePath(dir, 'pv-1', [])).toThrow(
      expect.objectContaining({
        code: MoverServiceErrorCode.VolumeNotFound,
        retryable: false,
        message: expect.stringContaining('/k/pods/uid-1/volumes/*/pv-1'),
      }),
    );
    expect(() =>
      selectVolumePath(dir, 'pv-1', [
        { plugin: 'a', hasMount: false },
        { plugin: 'b', hasMount: true },
      ]),
    ).toThrow(
      expect.objectContaining({
        code: MoverServiceErrorCode.VolumeAmbiguous,
        message: expect.stringMatching(/volumes\/a\/pv-1, .*volumes\/b\/pv-1/),
      }),
    );
    expect(() => selectVolumePath(dir, '..', [])).toThrow(/not a single path element/);
  });
});

describe('AWS credentials file - parsing', () => {
  const text =
    '# velero\r\n[default]\r\naws_access_key_id = AKIA1\r\naws_secret_access_key=s3cr3t\r\n\r\n[profile other]\nAWS_ACCESS_KEY_ID=AKIA2\naws_secret_access_key=x\naws_session_token=tok\n';
  it.each([
    ['default', { accessKeyId: 'AKIA1', secretAccessKey: 's3cr3t' }],
    ['other', { accessKeyId: 'AKIA2', secretAccessKey: 'x', sessionToken: 'tok' }],
  ])('reads profile %s', (profile, credentials) => {
    expect(parseAwsCredentials(text, profile)).toEqual({ ok: true, credentials });
  });

  it('names a missing profile or key, never a value', () => {
    const missing = parseAwsCredentials(text, 'prod');
    expect(missing).toEqual({ ok: false, problem: { kind: 'profile-missing', profile: 'prod', profiles: ['default', 'other'] } });
    if (!missing.ok) expect(describeAwsCredentialsProblem(missing.problem)).toContain('no profile [prod] (profiles: default, other)');
    const noSecret = parseAwsCredentials('[default]\naws_access_key_id=AKIA1\n');
    expect(noSecret).toEqual({ ok: false, problem: { kind: 'key-missing', profile: 'default', key: 'aws_secret_access_key' } });
    if (!noSecret.ok) expect(describeAwsCredentialsProblem(noSecret.problem)).not.toContain('AKIA1');
  });
});

describe('BSL → S3 repository location', () => {
  const bsl = (spec: object): BackupStorageLocation =>
    ({ apiVersion: 'velero.io/v1', kind: 'BackupStorageLocation', metadata: { name: 'default' }, spec }) as BackupStorageLocation;
  const base = { provider: 'aws', objectStorage: { bucket: 'b', prefix: '/velero/' } };

  it.each([
    [
      'an s3Url keeps scheme and host; region defaults',
      { ...base, config: { s3Url: 'http://minio:9000/ignored', insecureSkipTLSVerify: 'true' } },
      {
        endpoint: 'http://minio:9000',
        region: 'us-east-1',
        bucket: 'b',
        prefix: 'velero',
        insecureSkipTlsVerify: true,
        profile: 'default',
        credential: { name: 'cloud-credentials', key: 'cloud' },
      },
    ],
    [
      'AWS from the region, the named credential and profile',
      {
        provider: 'velero.io/aws',
        objectStorage: { bucket: 'b' },
        config: { region: 'eu-west-1', profile: 'p' },
        credential: { name: 'bsl-creds', key: 'aws' },
      },
      {
        endpoint: 'https://s3.eu-west-1.amazonaws.com',
        region: 'eu-west-1',
        bucket: 'b',
        prefix: '',
        insecureSkipTlsVerify: false,
        profile: 'p',
        credential: { name: 'bsl-creds', key: 'aws' },
      },
    ],
  ])('%s', (_what, spec, plan) => {
    expect(storageLocationPlan(bsl(spec), 'velero/default')).toEqual(plan);
  });

  it.each([
    ['no spec', undefined, 'spec is missing'],
    ['another provider', { ...base, provider: 'gcp', config: { region: 'r' } }, 'spec.provider "gcp" is not supported'],
    ['an empty bucket', { ...base, objectStorage: { bucket: ' ' }, config: { region: 'r' } }, 'spec.objectStorage.bucket is empty'],
    ['no endpoint', { ...base, config: {} }, 'spec.config has neither s3Url nor region'],
    ['a bad s3Url', { ...base, config: { s3Url: 'minio:9000' } }, 'spec.config.s3Url "minio:9000" must start with http'],
  ])('rejects %s naming the field', (_what, spec, message) => {
    const target = spec === undefined ? ({ metadata: { name: 'default' } } as BackupStorageLocation) : bsl(spec);
    expect(() => storageLocationPlan(target, 'velero/default')).toThrow(
      expect.objectContaining({
        code: MoverServiceErrorCode.StorageLocationInvalid,
        retryable: false,
        message: expect.stringContaining(`BackupStorageLocation velero/default: ${message}`),
      }),
    );
  });

  it('builds the location and a work folder without secrets in its name', () => {
    const plan = storageLocationPlan(bsl({ ...base, config: { s3Url: 'http://m:9000' } }), 'v/d');
    const location = repositoryLocation(plan, { accessKeyId: 'AK', secretAccessKey: 'SK', sessionToken: 'T' }, 'shop');
    expect(location).toEqual({
      endpoint: 'http://m:9000',
      region: 'us-east-1',
      bucket: 'b',
      prefix: 'velero',
      volumeNamespace: 'shop',
      accessKeyId: 'AK',
      secretAccessKey: 'SK',
      sessionToken: 'T',
    });
    const dir = repositoryWorkDir('/w', 'kopia', location);
    expect(dir).toMatch(/^\/w\/repositories\/kopia-[0-9a-f]{16}$/);
    expect(repositoryWorkDir('/w', 'kopia', { ...location, secretAccessKey: 'other' })).toBe(dir);
    expect(repositoryWorkDir('/w', 'kopia', { ...location, volumeNamespace: 'other' })).not.toBe(dir);
  });

  it('keys a repository for the creation claim by tool and location, never by a secret', () => {
    const plan = storageLocationPlan(
      bsl({ provider: 'aws', objectStorage: { bucket: 'b', prefix: 'velero' }, config: { s3Url: 'http://m:9000' } }),
      'velero/default',
    );
    const location = repositoryLocation(plan, { accessKeyId: 'AK', secretAccessKey: 'SK' }, 'shop');
    const key = repositoryKey('kopia', location);
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(repositoryKey('kopia', { ...location, accessKeyId: 'AK2', secretAccessKey: 'SK2', sessionToken: 'T' })).toBe(key);
    for (const other of [{ volumeNamespace: 'other' }, { prefix: 'velero2' }, { bucket: 'b2' }, { endpoint: 'http://n:9000' }]) {
      expect(repositoryKey('kopia', { ...location, ...other })).not.toBe(key);
    }
    expect(repositoryKey('restic', location)).not.toBe(key);
  });
});

describe('move jobs - tags, parent, classification, orphans', () => {
  const job = (kind: MoveJob['operation']['kind'], tags: Record<string, string> = {}) =>
    ({
      v: 1,
      jobId: 'j',
      operation: { kind, namespace: 'velero', name: 'x' },
      uploader: 'kopia',
      volume: { podUid: 'u', volumeDir: 'v' },
      repository: { backupStorageLocation: 'default', volumeNamespace: 'ns' },
      requestedAt: '2026-01-01T00:00:00Z',
      direction: 'backup',
      sourceName: 'ns/pvc',
      tags,
    }) as Extract<MoveJob, { direction: 'backup' }>;

  it.each([
    ['DataUpload', {}, { 'snapshot-requester': 'snapshot-data-upload-download', 'snapshot-uploader': 'kopia' }],
    ['PodVolumeBackup', {}, { 'snapshot-requester': 'snapshot-pod-volume', 'snapshot-uploader': 'kopia' }],
    [
      'DataUpload',
      { 'velero.io/async-operation-id': 'du-1' },
      { 'snapshot-requester': 'snapshot-data-upload-download', 'snapshot-uploader': 'kopia', 'velero.io/async-operation-id': 'du-1' },
    ],
  ] as const)('tags of a %s job with %p', (kind, tags, expected) => {
    expect(snapshotTags(job(kind, tags))).toEqual(expected);
  });

  it.each([
    [undefined, { kind: 'latest' }],
    ['', { kind: 'latest' }],
    ['auto', { kind: 'latest' }],
    ['none', { kind: 'none' }],
    ['abc123', { kind: 'snapshot', id: 'abc123' }],
  ])('parent %p → %p', (input, output) => {
    expect(parentSnapshotOf(input)).toEqual(output);
  });

  it('classifies library errors by their code and anything else as internal and retryable', () => {
    expect(classifyError(new UploaderError(UploaderErrorCode.WrongPassword, 'wrong'))).toEqual({
      code: 'UPLOADER_WRONG_PASSWORD',
      retryable: false,
      message: 'wrong',
    });
    expect(classifyError(new Error('boom'))).toEqual({
      code: 'MOVER_INTERNAL',
      retryable: true,
      message: 'unexpected mover failure: boom',
    });
    const result = {
      v: 1,
      jobId: 'j',
      operation: { kind: 'DataUpload', namespace: 'v', name: 'x' },
      direction: 'backup',
      node: 'n',
      outcome: 'failed',
      error: classifyError('x'),
      startedAt: '2026-01-01T00:00:00Z',
      completedAt: '2026-01-01T00:00:01Z',
    };
    expect(moveResultSchema.safeParse(result).success).toBe(true);
  });

  it.each([
    [['restic', 'backup', '--cache-dir=/w/repositories/x/.cache/restic'], true],
    [['kopia', 'snapshot', 'create', '/data', '--config-file=/w/repositories/k/kopia/repository.config'], true],
    [['restic', '--cache-dir=/w2/x'], false],
    [['/w/bin/tool'], true],
    [['cat', '/wx/file'], false],
  ])('%p points into /w: %p', (args, expected) => {
    expect(pointsInto(args, '/w')).toBe(expected);
  });
});
