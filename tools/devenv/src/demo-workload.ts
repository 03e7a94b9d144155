import { setTimeout as sleep } from 'node:timers/promises';
import type { V1PersistentVolumeClaim } from '@kubernetes/client-node';
import type { KubeClient } from '@ferry/kube';

/** The demo's application namespace and its Backup. */
export interface DemoWorkload {
  readonly namespace: string;
  readonly backup: { readonly namespace: string; readonly name: string };
}

const demoPolicies = `version: v1
volumePolicies:
# Databases are snapshotted (CSI, data moved by Ferry).
- conditions:
    pvcLabels: {tier: db}
  action: {type: snapshot}
# Volumes of the WaitForFirstConsumer class are backed up file by file.
- conditions:
    storageClass: [fast]
  action: {type: fs-backup}
`;

function claim(name: string, storageClassName: string, labels: Record<string, string> = {}): V1PersistentVolumeClaim {
  return {
    metadata: { name, labels },
    spec: { accessModes: ['ReadWriteOnce'], storageClassName, resources: { requests: { storage: '2Gi' } } },
  };
}

/**
 * Creates a small application to back up: namespace `demo-shop` with a database claim (class
 * `standard`), a catalog claim (class `fast`, bound once its pod is scheduled) and a claim of a
 * class that does not exist (stays Pending, so the plan shows Velero's error for it); a pod that
 * mounts them plus an opted-in emptyDir; in `ferryNamespace` a policies ConfigMap and the Backup
 * `demo-backup` referencing it. Waits until the pod runs.
 */
export async function seedDemoWorkload(kube: KubeClient, ferryNamespace: string): Promise<DemoWorkload> {
  const namespace = 'demo-shop';
  await kube.core.createNamespace({ body: { metadata: { name: namespace } } });
  for (const body of [claim('orders-db', 'standard', { tier: 'db' }), claim('catalog', 'fast'), claim('archive', 'gold')]) {
    await kube.core.createNamespacedPersistentVolumeClaim({ namespace, body });
  }
  await kube.core.createNamespacedPod({
    namespace,
    body: {
      metadata: { name: 'shop', annotations: { 'backup.velero.io/backup-volumes': 'cache' } },
      spec: {
        containers: [{ name: 'shop', image: 'shop:1.0' }],
        volumes: [
          { name: 'orders-db', persistentVolumeClaim: { claimName: 'orders-db' } },
          { name: 'catalog', persistentVolumeClaim: { claimName: 'catalog' } },
          { name: 'cache', emptyDir: {} },
        ],
      },
    },
  });
  await kube.core.createNamespacedConfigMap({
    namespace: ferryNamespace,
    body: { metadata: { name: 'demo-policies' }, data: { 'policies.yaml': demoPolicies } },
  });
  await kube.customObjects.createNamespacedCustomObject({
    group: 'velero.io',
    version: 'v1',
    namespace: ferryNamespace,
    plural: 'backups',
    body: {
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: { name: 'demo-backup' },
      spec: { includedNamespaces: [namespace], resourcePolicy: { kind: 'configmap', name: 'demo-policies' } },
    },
  });
  for (let attempt = 0; attempt < 300; attempt++) {
    const pod = await kube.core.readNamespacedPod({ namespace, name: 'shop' });
    if (pod.status?.phase === 'Running') break;
    await sleep(100);
  }
  return { namespace, backup: { namespace: ferryNamespace, name: 'demo-backup' } };
}
