// Seeds a namespace with N bound PVC/PV pairs and N pods mounting them, plus a Backup whose
// resource policies (20 rules) are in a ConfigMap, straight through the API server.
import type { ApiRequester } from '@ferry/kube';

/** Runs `task` over `items` with at most `width` in flight. */
export async function inParallel<T>(items: readonly T[], width: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

/**
 * A 20-rule resource-policies document: 19 rules that do not match the seeded volumes (other storage
 * classes, capacities, labels, drivers) before a catch-all, so every volume is tried against all.
 */
export function twentyRulePolicies(): string {
  const rules: string[] = [];
  for (let i = 0; i < 19; i++) {
    const condition = [
      `storageClass: [class-${i}]`,
      `capacity: "${100 + i}Gi,200Gi"`,
      `pvcLabels: {tier: t${i}}`,
      `csi: {driver: driver-${i}.example.com}`,
    ][i % 4];
    rules.push(`- conditions: {${condition}}\n  action: {type: ${i % 2 ? 'skip' : 'fs-backup'}}`);
  }
  rules.push('- conditions: {}\n  action: {type: snapshot}');
  return `version: v1\nvolumePolicies:\n${rules.join('\n')}\n`;
}

const mergePatch = 'application/merge-patch+json';

/** Creates `count` PVs, bound PVCs (status Bound) and pods in `namespace`, 32 requests at a time. */
export async function seedVolumes(api: ApiRequester, namespace: string, count: number): Promise<void> {
  await api.request({ method: 'POST', path: '/api/v1/namespaces', body: { metadata: { name: namespace } } });
  const indexes = Array.from({ length: count }, (_, i) => i);
  const name = (i: number) => `data-${i}`;
  await inParallel(indexes, 32, (i) =>
    api.request({
      method: 'POST',
      path: '/api/v1/persistentvolumes',
      body: {
        metadata: { name: `pv-${namespace}-${i}` },
        spec: {
          capacity: { storage: `${1 + (i % 50)}Gi` },
          accessModes: ['ReadWriteOnce'],
          storageClassName: 'standard',
          persistentVolumeReclaimPolicy: 'Delete',
          csi: { driver: 'hostpath.csi.ferry.dev', volumeHandle: `vol-${i}` },
          claimRef: { namespace, name: name(i) },
        },
      },
    }),
  );
  await inParallel(indexes, 32, async (i) => {
    await api.request({
      method: 'POST',
      path: `/api/v1/namespaces/${namespace}/persistentvolumeclaims`,
      body: {
        metadata: { name: name(i), labels: { app: `app-${i % 10}` } },
        spec: {
          accessModes: ['ReadWriteOnce'],
          storageClassName: 'standard',
          volumeName: `pv-${namespace}-${i}`,
          resources: { requests: { storage: `${1 + (i % 50)}Gi` } },
        },
      },
    });
    await api.request({
      method: 'PATCH',
      path: `/api/v1/namespaces/${namespace}/persistentvolumeclaims/${name(i)}/status`,
      contentType: mergePatch,
      body: { status: { phase: 'Bound' } },
    });
  });
  await inParallel(indexes, 32, (i) =>
    api.request({
      method: 'POST',
      path: `/api/v1/namespaces/${namespace}/pods`,
      body: {
        // Every tenth pod opts its volume in to fs-backup, the legacy rule Velero checks per PV.
        metadata: { name: `pod-${i}`, annotations: i % 10 === 0 ? { 'backup.velero.io/backup-volumes': 'data' } : {} },
        spec: {
          containers: [{ name: 'app', image: 'busybox', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
          volumes: [{ name: 'data', persistentVolumeClaim: { claimName: name(i) } }],
        },
      },
    }),
  );
}

/** Creates the Backup `name` in `veleroNamespace` for `namespace`, with its policies ConfigMap. */
export async function seedBackup(api: ApiRequester, veleroNamespace: string, namespace: string, name: string): Promise<void> {
  await api.request({ method: 'POST', path: '/api/v1/namespaces', body: { metadata: { name: veleroNamespace } } });
  await api.request({
    method: 'POST',
    path: `/api/v1/namespaces/${veleroNamespace}/configmaps`,
    body: { metadata: { name: `${name}-policies` }, data: { 'policies.yaml': twentyRulePolicies() } },
  });
  await api.request({
    method: 'POST',
    path: `/apis/velero.io/v1/namespaces/${veleroNamespace}/backups`,
    body: {
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: { name },
      spec: { includedNamespaces: [namespace], resourcePolicy: { kind: 'configmap', name: `${name}-policies` } },
    },
  });
}
