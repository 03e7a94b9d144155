// Cases and expectations of Velero's TestDescribeBackupInSF (backup_structured_describer_test.go).
import type { BackupSpec } from '@ferry/api';
import { structuredBackupSpec } from './backup-structured-spec';

const hook = (command: string) => ({ exec: { container: 'hook-container-1', command: [command], onError: 'Continue' as const } });
const execHook = (command: string) => ({ container: 'hook-container-1', command, 'onError:': 'Continue', timeout: '0s' });

describe('structured backup describer - spec (TestDescribeBackupInSF)', () => {
  it('filters, durations, data mover and a hook with its filters', () => {
    const spec: BackupSpec = {
      includedNamespaces: ['inc-ns-1', 'inc-ns-2'],
      excludedNamespaces: ['exc-ns-1', 'exc-ns-2'],
      includedResources: ['inc-res-1', 'inc-res-2'],
      excludedResources: ['exc-res-1', 'exc-res-2'],
      storageLocation: 'backup-location',
      ttl: '72h',
      csiSnapshotTimeout: '10m',
      datamover: 'mover',
      hooks: {
        resources: [
          {
            name: 'hook-1',
            pre: [hook('pre')],
            post: [hook('post')],
            includedNamespaces: ['hook-inc-ns-1', 'hook-inc-ns-2'],
            excludedNamespaces: ['hook-exc-ns-1', 'hook-exc-ns-2'],
            includedResources: ['hook-inc-res-1', 'hook-inc-res-2'],
            excludedResources: ['hook-exc-res-1', 'hook-exc-res-2'],
          },
        ],
      },
    };
    expect(structuredBackupSpec(spec)).toEqual({
      namespaces: { included: 'inc-ns-1, inc-ns-2', excluded: 'exc-ns-1, exc-ns-2' },
      resources: { included: 'inc-res-1, inc-res-2', excluded: 'exc-res-1, exc-res-2', clusterScoped: 'auto' },
      dataMover: 'mover',
      labelSelector: '<none>',
      storageLocation: 'backup-location',
      veleroNativeSnapshotPVs: 'auto',
      TTL: '72h0m0s',
      CSISnapshotTimeout: '10m0s',
      veleroSnapshotMoveData: 'auto',
      hooks: {
        resources: {
          'hook-1': {
            labelSelector: '<none>',
            namespaces: { included: 'hook-inc-ns-1, hook-inc-ns-2', excluded: 'hook-exc-ns-1, hook-exc-ns-2' },
            preExecHook: [execHook('pre')],
            postExecHook: [execHook('post')],
            resources: { included: 'hook-inc-res-1, hook-inc-res-2', excluded: 'hook-exc-res-1, hook-exc-res-2' },
          },
        },
      },
    });
  });

  it('defaults, ordered resources and a hook without filters', () => {
    const spec: BackupSpec = {
      storageLocation: 'backup-location',
      orderedResources: { kind1: 'rs1-1, rs1-2', kind2: 'rs2-1, rs2-2' },
      hooks: { resources: [{ name: 'hook-1', pre: [hook('pre')], post: [hook('post')] }] },
    };
    expect(structuredBackupSpec(spec)).toEqual({
      namespaces: { included: '*', excluded: '<none>' },
      resources: { included: '*', excluded: '<none>', clusterScoped: 'auto' },
      dataMover: '<none>',
      labelSelector: '<none>',
      storageLocation: 'backup-location',
      veleroNativeSnapshotPVs: 'auto',
      TTL: '0s',
      CSISnapshotTimeout: '0s',
      veleroSnapshotMoveData: 'auto',
      hooks: {
        resources: {
          'hook-1': {
            labelSelector: '<none>',
            namespaces: { included: '*', excluded: '<none>' },
            preExecHook: [execHook('pre')],
            postExecHook: [execHook('post')],
            resources: { included: '*', excluded: '<none>' },
          },
        },
      },
      orderedResources: { kind1: 'rs1-1, rs1-2', kind2: 'rs2-1, rs2-2' },
    });
  });
});
