import type { Backup } from '@ferry/api';
import { encodeBackupMetadata } from './backup-metadata-json';

const backup: Backup = {
  apiVersion: 'velero.io/v1',
  kind: 'Backup',
  metadata: {
    name: 'nightly',
    namespace: 'velero',
    uid: 'u-1',
    resourceVersion: '42',
    generation: 3,
    creationTimestamp: '2026-12-06T19:00:00Z',
    labels: { 'velero.io/storage-location': 'default' },
  },
  spec: {
    includedNamespaces: ['app'],
    ttl: '720h0m0s',
    storageLocation: 'default',
    resourcePolicy: { kind: 'configmap', name: 'policies' },
    snapshotMoveData: false,
  },
  status: { version: 1, formatVersion: '1.1.0', phase: 'Completed', errors: 0, warnings: 2, progress: { totalItems: 5, itemsBackedUp: 5 } },
};

describe('encodeBackupMetadata - velero-backup.json as Kubernetes pretty JSON over Velero’s Go types', () => {
  const text = encodeBackupMetadata(backup);

  it('puts kind before apiVersion and the top-level parts in Go order, without a trailing newline', () => {
    expect(text.startsWith('{\n  "kind": "Backup",\n  "apiVersion": "velero.io/v1",\n  "metadata": {\n    "name": "nightly",')).toBe(true);
    expect(text.endsWith('\n}')).toBe(true);
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['kind', 'apiVersion', 'metadata', 'spec', 'status']);
  });

  it('writes struct-valued spec fields always, omits empty ones, keeps Go field order', () => {
    const spec = (JSON.parse(text) as { spec: Record<string, unknown> }).spec;
    expect(Object.keys(spec)).toEqual([
      'metadata',
      'includedNamespaces',
      'ttl',
      'hooks',
      'storageLocation',
      'csiSnapshotTimeout',
      'itemOperationTimeout',
      'resourcePolicy',
      'snapshotMoveData',
    ]);
    expect(spec).toMatchObject({ metadata: {}, hooks: {}, csiSnapshotTimeout: '0s', resourcePolicy: { apiGroup: null } });
  });

  it('omits zero counts in the status', () => {
    const status = (JSON.parse(text) as { status: Record<string, unknown> }).status;
    expect(status).toEqual({
      version: 1,
      formatVersion: '1.1.0',
      phase: 'Completed',
      warnings: 2,
      progress: { totalItems: 5, itemsBackedUp: 5 },
    });
  });

  it('writes an empty status object for a Backup without one', () => {
    expect(encodeBackupMetadata({ metadata: { name: 'b' } })).toContain('"status": {}');
  });
});
