// Fixtures of the restore exposure integration tests: a target PVC as Velero restores it, a
// workload pod using a claim, and a DataDownload naming the target.
import { createHash, randomBytes } from 'node:crypto';
import { dataDownloadDefinition, type DataDownload } from '@ferry/api';
import { createCustomResourceClient, type KubeClient } from '@ferry/kube';
import type { V1PersistentVolumeClaim, V1Pod } from '@kubernetes/client-node';
import type { OperationRef } from '../src/index';

/** Label whose selector keeps provisioners away from a target PVC until the restored PV is handed over. */
export const restoreLabel = 'velero.io/dynamic-pv-restore';

/** Hex SHA-256 of `bytes`. */
export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** A target PVC (RWO, 1Gi) as Velero restores it: a `dynamic-pv-restore` selector keeps provisioners away. */
export function targetClaim(namespace: string, name: string, storageClassName: string, withSelector = true): V1PersistentVolumeClaim {
  return {
    metadata: { name, namespace },
    spec: {
      accessModes: ['ReadWriteOnce'],
      storageClassName,
      resources: { requests: { storage: '1Gi' } },
      ...(withSelector ? { selector: { matchLabels: { [restoreLabel]: `${namespace}.${name}.${randomBytes(3).toString('hex')}` } } } : {}),
    },
  };
}

/** A busybox pod that mounts `claimName` at /data and sleeps. */
export function workloadPod(namespace: string, name: string, claimName: string): V1Pod {
  return {
    metadata: { name, namespace },
    spec: {
      containers: [
        { name: 'main', image: 'busybox:1.37', command: ['sleep', 'infinity'], volumeMounts: [{ name: 'data', mountPath: '/data' }] },
      ],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }],
    },
  };
}

/** Creates DataDownload `name` in `namespace` restoring into `target`; resolves with its operation. */
export async function createDataDownload(
  client: KubeClient,
  namespace: string,
  name: string,
  target: { namespace: string; pvc: string },
): Promise<OperationRef> {
  await createCustomResourceClient<DataDownload>(client, dataDownloadDefinition).create({
    apiVersion: 'velero.io/v2alpha1',
    kind: 'DataDownload',
    metadata: { name, namespace },
    spec: {
      targetVolume: { pvc: target.pvc, pv: '', namespace: target.namespace },
      backupStorageLocation: 'default',
      snapshotID: 'f00dcafe',
      sourceNamespace: target.namespace,
      operationTimeout: '10m',
    },
  });
  return { kind: 'DataDownload', namespace, name };
}
