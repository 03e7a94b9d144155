// The demo's application and the configuration a platform team would give Ferry for it: namespace
// `demo-shop` with a database claim (class `standard`: snapshotted, its data moved), a catalog claim
// (class `fast`: backed up file by file) and a scratch claim (skipped by policy), a pod mounting
// all three with data written into each; in Ferry's namespace the volume policies and the
// node-agent ConfigMap that gives backupPVCs of class `standard` the class `fast`, read-only.
import type { V1PersistentVolumeClaim } from '@kubernetes/client-node';
import type { KubeClient } from '@ferry/kube';
import { buildDataTree } from './data-tree';
import type { EnvironmentInfo } from './environment-info';
import { kubeletVolumePath } from './kubelet-volumes';
import { setTimeout as sleep } from 'node:timers/promises';

/** The demo's application and configuration. */
export interface DemoWorkload {
  readonly namespace: string;
  readonly pod: string;
  /** Every claim of the pod, and those the policies skip. */
  readonly claims: readonly string[];
  readonly skippedClaims: readonly string[];
  /** The volume policies ConfigMap (in Ferry's namespace). */
  readonly policies: string;
  /** The node-agent ConfigMap (in Ferry's namespace) the exposer is started with. */
  readonly nodeAgentConfigMap: string;
}

/** The node-agent ConfigMap's name the demo's exposer reads (FERRY_NODE_AGENT_CONFIGMAP). */
export const demoNodeAgentConfigMap = 'node-agent-config';

const demoPolicies = `version: v1
volumePolicies:
# Scratch space is not worth keeping.
- conditions:
    pvcLabels: {keep: "no"}
  action: {type: skip}
# Databases are snapshotted (CSI, data moved by Ferry).
- conditions:
    pvcLabels: {tier: db}
  action: {type: snapshot}
# Volumes of the WaitForFirstConsumer class are backed up file by file.
- conditions:
    storageClass: [fast]
  action: {type: fs-backup}
`;

const nodeAgentConfig = { backupPVC: { standard: { storageClass: 'fast', readOnly: true } } };

function claim(name: string, storageClassName: string, labels: Record<string, string> = {}): V1PersistentVolumeClaim {
  return {
    metadata: { name, labels },
    spec: { accessModes: ['ReadWriteOnce'], storageClassName, resources: { requests: { storage: '2Gi' } } },
  };
}

/** Creates the workload, waits until its pod runs, and writes data into each claim through the pod's volumes. */
export async function seedDemoWorkload(kube: KubeClient, info: EnvironmentInfo): Promise<DemoWorkload> {
  const namespace = 'demo-shop';
  const workload: DemoWorkload = {
    namespace,
    pod: 'shop',
    claims: ['orders-db', 'catalog', 'scratch'],
    skippedClaims: ['scratch'],
    policies: 'demo-policies',
    nodeAgentConfigMap: demoNodeAgentConfigMap,
  };
  await kube.core.createNamespacedConfigMap({
    namespace: info.ferryNamespace,
    body: { metadata: { name: demoNodeAgentConfigMap }, data: { 'node-agent.json': JSON.stringify(nodeAgentConfig) } },
  });
  await kube.core.createNamespacedConfigMap({
    namespace: info.ferryNamespace,
    body: { metadata: { name: workload.policies }, data: { 'policies.yaml': demoPolicies } },
  });
  await kube.core.createNamespace({ body: { metadata: { name: namespace } } });
  for (const body of [
    claim('orders-db', 'standard', { tier: 'db' }),
    claim('catalog', 'fast'),
    claim('scratch', 'standard', { keep: 'no' }),
  ]) {
    await kube.core.createNamespacedPersistentVolumeClaim({ namespace, body });
  }
  await kube.core.createNamespacedPod({
    namespace,
    body: {
      metadata: { name: workload.pod, labels: { app: 'shop' } },
      spec: {
        containers: [{ name: 'shop', image: 'shop:1.0' }],
        volumes: workload.claims.map((name) => ({ name, persistentVolumeClaim: { claimName: name } })),
      },
    },
  });
  let pod = await kube.core.readNamespacedPod({ namespace, name: workload.pod });
  for (let attempt = 0; attempt < 300 && pod.status?.phase !== 'Running'; attempt++) {
    await sleep(100);
    pod = await kube.core.readNamespacedPod({ namespace, name: workload.pod });
  }
  for (const name of workload.claims) {
    const pvc = await kube.core.readNamespacedPersistentVolumeClaim({ namespace, name });
    const path = kubeletVolumePath(info, pod.spec?.nodeName ?? '', pod.metadata?.uid ?? '', pvc.spec?.volumeName ?? '');
    await buildDataTree(path, { largeFileBytes: 24 * 1024 * 1024, smallFiles: 300, smallFileBytes: 2048 });
  }
  return workload;
}
