import { ApiErrorCode, ResourceValidationError, UnknownKindError } from '../errors';
import {
  aBackup,
  aBackupRepository,
  aBackupStorageLocation,
  aDataDownload,
  aDataMoverClass,
  aDataUpload,
  aDeleteBackupRequest,
  aDownloadRequest,
  aPodVolumeBackup,
  aPodVolumeRestore,
  aRestore,
  aSchedule,
  aServerStatusRequest,
  aVolumeSnapshot,
  aVolumeSnapshotBackup,
  aVolumeSnapshotClass,
  aVolumeSnapshotContent,
  aVolumeSnapshotLocation,
  aVolumeSnapshotRestore,
} from '../testing';
import { resourceKinds, type ResourceKind } from './resource-registry';
import { isResource, parseResource, validateResource } from './resource-validator';

const builders: Record<ResourceKind, () => unknown> = {
  Backup: aBackup,
  Restore: aRestore,
  Schedule: aSchedule,
  BackupStorageLocation: aBackupStorageLocation,
  VolumeSnapshotLocation: aVolumeSnapshotLocation,
  DownloadRequest: aDownloadRequest,
  DeleteBackupRequest: aDeleteBackupRequest,
  ServerStatusRequest: aServerStatusRequest,
  PodVolumeBackup: aPodVolumeBackup,
  PodVolumeRestore: aPodVolumeRestore,
  BackupRepository: aBackupRepository,
  DataUpload: aDataUpload,
  DataDownload: aDataDownload,
  VolumeSnapshotBackup: aVolumeSnapshotBackup,
  VolumeSnapshotRestore: aVolumeSnapshotRestore,
  DataMoverClass: aDataMoverClass,
  VolumeSnapshot: aVolumeSnapshot,
  VolumeSnapshotContent: aVolumeSnapshotContent,
  VolumeSnapshotClass: aVolumeSnapshotClass,
};

/** Returns a deep copy of `obj` with `path` (dot/bracket-free segments) set to `value`, or deleted. */
function withField(obj: unknown, path: (string | number)[], value: unknown, remove = false): unknown {
  const copy = structuredClone(obj) as Record<string | number, unknown>;
  let node = copy;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}

describe('resource validator - valid objects', () => {
  it('has a builder for every kind', () => {
    expect(Object.keys(builders).sort()).toEqual([...resourceKinds].sort());
  });

  it.each(resourceKinds)('a complete %s parses and is returned unchanged', (kind) => {
    const object = builders[kind]();
    const result = validateResource(kind, object);
    expect(result.ok ? [] : result.issues).toEqual([]);
    expect(result.ok && result.value).toBe(object);
  });

  it.each(resourceKinds)('a %s list item without apiVersion and kind parses', (kind) => {
    const item = builders[kind]() as Record<string, unknown>;
    delete item['apiVersion'];
    delete item['kind'];
    expect(isResource(kind, item)).toBe(true);
  });

  it('keeps fields the schema does not know (no stripping)', () => {
    const object = withField(aDataUpload(), ['spec', 'futureField'], { x: 1 });
    const result = validateResource('DataUpload', object);
    expect(result.ok && (result.value.spec as Record<string, unknown>)['futureField']).toEqual({ x: 1 });
  });

  it.each([
    ['DataUpload csiSnapshot null', 'DataUpload' as const, ['spec', 'csiSnapshot'], null],
    ['DataUpload startTimestamp null', 'DataUpload' as const, ['status', 'startTimestamp'], null],
    ['Backup snapshotVolumes null', 'Backup' as const, ['spec', 'snapshotVolumes'], null],
    ['timestamp with offset and fraction', 'DataUpload' as const, ['status', 'startTimestamp'], '2026-05-20T10:00:00.123+02:00'],
    ['VolumeSnapshot integer restoreSize', 'VolumeSnapshot' as const, ['status', 'restoreSize'], 1024],
    ['BackupRepository empty repositoryType', 'BackupRepository' as const, ['spec', 'repositoryType'], ''],
  ])('accepts %s', (_name, kind, path, value) => {
    expect(validateResource(kind, withField(builders[kind](), path, value)).ok).toBe(true);
  });
});

describe('resource validator - issues name the field path', () => {
  it.each([
    [
      'wrong type',
      'DataUpload' as const,
      ['spec', 'csiSnapshot', 'volumeSnapshot'],
      42,
      false,
      'spec.csiSnapshot.volumeSnapshot',
      'expected string, received number 42',
    ],
    ['wrong enum', 'DataUpload' as const, ['status', 'phase'], 'Done', false, 'status.phase', 'expected one of "New" | "Accepted"'],
    [
      'missing required',
      'DataUpload' as const,
      ['spec', 'sourcePVC'],
      undefined,
      true,
      'spec.sourcePVC',
      'required field is missing (expected string)',
    ],
    [
      'null where not nullable',
      'DataDownload' as const,
      ['spec', 'targetVolume', 'pvc'],
      null,
      false,
      'spec.targetVolume.pvc',
      'expected string, received null',
    ],
    [
      'non-integer',
      'DataUpload' as const,
      ['status', 'progress', 'totalBytes'],
      1.5,
      false,
      'status.progress.totalBytes',
      'expected integer, received number 1.5',
    ],
    [
      'bad date-time',
      'DataUpload' as const,
      ['status', 'startTimestamp'],
      'yesterday',
      false,
      'status.startTimestamp',
      'RFC 3339 date-time',
    ],
    [
      'map value',
      'DataUpload' as const,
      ['spec', 'dataMoverConfig', 'threads'],
      4,
      false,
      'spec.dataMoverConfig.threads',
      'expected string',
    ],
    [
      'dotted map key',
      'DataUpload' as const,
      ['metadata', 'labels', 'app.kubernetes.io/name'],
      1,
      false,
      'metadata.labels["app.kubernetes.io/name"]',
      'expected string',
    ],
    [
      'array item',
      'Backup' as const,
      ['spec', 'hooks', 'resources', 0, 'pre', 0, 'exec', 'command'],
      [],
      false,
      'spec.hooks.resources[0].pre[0].exec.command',
      'expected at least 1 item(s)',
    ],
    [
      'restore progress',
      'Restore' as const,
      ['status', 'progress', 'itemsRestored'],
      '3',
      false,
      'status.progress.itemsRestored',
      'expected number, received "3"',
    ],
    [
      'DownloadRequest target kind',
      'DownloadRequest' as const,
      ['spec', 'target', 'kind'],
      'RestoreVolumeInfos',
      false,
      'spec.target.kind',
      'received "RestoreVolumeInfos"',
    ],
    ['VolumeSnapshotClass driver', 'VolumeSnapshotClass' as const, ['driver'], undefined, true, 'driver', 'required field is missing'],
    [
      'VolumeSnapshotContent deletionPolicy',
      'VolumeSnapshotContent' as const,
      ['spec', 'deletionPolicy'],
      'Keep',
      false,
      'spec.deletionPolicy',
      'expected one of "Delete" | "Retain"',
    ],
    [
      'VolumeSnapshot quantity',
      'VolumeSnapshot' as const,
      ['status', 'restoreSize'],
      'big',
      false,
      'status.restoreSize',
      'expected a string matching /^(\\+|-)?',
    ],
    [
      'condition reason pattern',
      'DataMoverClass' as const,
      ['status', 'conditions', 0, 'reason'],
      'not ok',
      false,
      'status.conditions[0].reason',
      'expected a string matching',
    ],
    ['DataMoverClass spec', 'DataMoverClass' as const, ['spec'], undefined, true, 'spec', 'required field is missing'],
    [
      'DataMoverClass empty datamover',
      'DataMoverClass' as const,
      ['spec', 'datamover'],
      '',
      false,
      'spec.datamover',
      'expected a minimum of 1 character(s)',
    ],
    ['apiVersion', 'DataUpload' as const, ['apiVersion'], 'velero.io/v1', false, 'apiVersion', 'expected "velero.io/v2alpha1"'],
    ['kind', 'Backup' as const, ['kind'], 'Restore', false, 'kind', 'expected "Backup"'],
  ])('%s', (_name, kind, path, value, remove, expectedPath, expectedMessage) => {
    const result = validateResource(kind, withField(builders[kind](), path, value, remove));
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe(expectedPath);
    expect(issues[0]?.message).toContain(expectedMessage);
  });

  it('reports a non-object as a root issue', () => {
    const result = validateResource('Backup', 'backup-1');
    expect(result.ok ? [] : result.issues).toEqual([{ path: '(root)', message: 'expected object, received "backup-1"' }]);
  });

  it('reports every issue, not just the first', () => {
    const bad = withField(withField(aDataUpload(), ['spec', 'sourcePVC'], 1), ['status', 'nodeOS'], 'macos');
    const result = validateResource('DataUpload', bad);
    expect(result.ok ? [] : result.issues.map((i) => i.path)).toEqual(['spec.sourcePVC', 'status.nodeOS']);
  });
});

describe('resource validator - parse and errors', () => {
  it('parseResource returns the typed object', () => {
    const du = parseResource('DataUpload', aDataUpload());
    expect(du.spec?.datamover).toBe('ferry');
  });

  it('parseResource throws ResourceValidationError naming object and fields', () => {
    const bad = withField(aDataUpload(), ['spec', 'csiSnapshot', 'volumeSnapshot'], 42);
    expect(() => parseResource('DataUpload', bad)).toThrow(ResourceValidationError);
    try {
      parseResource('DataUpload', bad);
    } catch (error) {
      const e = error as ResourceValidationError;
      expect(e.code).toBe(ApiErrorCode.InvalidResource);
      expect(e.retryable).toBe(false);
      expect(e.objectName).toBe('velero/backup-1-abcde');
      expect(e.message).toContain('DataUpload velero/backup-1-abcde');
      expect(e.message).toContain('spec.csiSnapshot.volumeSnapshot: expected string');
    }
  });

  it('rejects unknown kinds with UnknownKindError', () => {
    expect(() => validateResource('Pod' as ResourceKind, {})).toThrow(UnknownKindError);
  });
});
