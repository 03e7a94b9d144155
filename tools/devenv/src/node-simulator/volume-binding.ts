import {
  PatchStrategy,
  setHeaderOptions,
  type V1ObjectReference,
  type V1PersistentVolume,
  type V1PersistentVolumeClaim,
  type V1StorageClass,
} from '@kubernetes/client-node';
import { toKubeError } from '@ferry/kube';
import { simulatorNames, type SimulatorContext } from './simulator-context';

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/** True when a PV's claimRef designates `claim` (by namespace and name, and by UID when it has one). */
export function claimRefMatches(ref: V1ObjectReference | undefined, claim: V1PersistentVolumeClaim): boolean {
  return Boolean(
    ref &&
    ref.namespace === claim.metadata?.namespace &&
    ref.name === claim.metadata?.name &&
    (!ref.uid || ref.uid === claim.metadata?.uid),
  );
}

/** What a dynamically provisioned PV is made of. */
export interface ProvisionRequest {
  readonly claim: V1PersistentVolumeClaim;
  readonly storageClass: V1StorageClass;
  readonly name: string;
  readonly volumeHandle: string;
  /** For WaitForFirstConsumer: the node the volume is reachable from. */
  readonly selectedNode?: string;
}

/**
 * The PV an external-provisioner creates for a claim: CSI source of the simulator's driver,
 * capacity and access modes from the claim, reclaim policy from the class, claimRef to the claim,
 * and node affinity to the selected node for WaitForFirstConsumer classes. Pure.
 */
export function provisionedVolume(request: ProvisionRequest): V1PersistentVolume {
  const { claim, storageClass, selectedNode } = request;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name: request.name,
      annotations: {
        [simulatorNames.provisionedByAnnotation]: simulatorNames.driver,
        'volume.kubernetes.io/provisioner-deletion-secret-name': '',
        'volume.kubernetes.io/provisioner-deletion-secret-namespace': '',
      },
    },
    spec: {
      capacity: { storage: claim.spec?.resources?.requests?.['storage'] ?? '1Gi' },
      accessModes: claim.spec?.accessModes ?? ['ReadWriteOnce'],
      volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
      persistentVolumeReclaimPolicy: storageClass.reclaimPolicy ?? 'Delete',
      storageClassName: storageClass.metadata?.name,
      claimRef: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        namespace: claim.metadata?.namespace,
        name: claim.metadata?.name,
        uid: claim.metadata?.uid,
        resourceVersion: claim.metadata?.resourceVersion,
      },
      csi: {
        driver: simulatorNames.driver,
        volumeHandle: request.volumeHandle,
        fsType: 'ext4',
        volumeAttributes: { 'storage.kubernetes.io/csiProvisionerIdentity': `${simulatorNames.driver}-ferry-node-simulator` },
      },
      nodeAffinity:
        storageClass.volumeBindingMode === 'WaitForFirstConsumer' && selectedNode
          ? {
              required: {
                nodeSelectorTerms: [{ matchExpressions: [{ key: simulatorNames.hostnameLabel, operator: 'In', values: [selectedNode] }] }],
              },
            }
          : undefined,
    },
  };
}

/**
 * Binds `pv` and `claim` both ways like the PV controller: PV claimRef (with the claim's UID) and
 * phase Bound, claim `volumeName`, bind annotations and phase Bound with the PV's capacity and
 * access modes. Each step is skipped when already done, so a retry after a partial bind resumes.
 */
export async function bindVolumeToClaim(context: SimulatorContext, pv: V1PersistentVolume, claim: V1PersistentVolumeClaim): Promise<void> {
  const { core } = context.client;
  const pvName = pv.metadata?.name ?? '';
  const { name = '', namespace = '', uid } = claim.metadata ?? {};
  const what = `bind PV ${pvName} to claim ${namespace}/${name}`;
  try {
    if (pv.spec?.claimRef?.uid !== uid) {
      const claimRef = {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        namespace,
        name,
        uid,
        resourceVersion: claim.metadata?.resourceVersion,
      };
      const annotations = pv.spec?.claimRef ? {} : { [simulatorNames.boundByControllerAnnotation]: 'yes' };
      await core.patchPersistentVolume(
        { name: pvName, body: { metadata: { annotations, resourceVersion: pv.metadata?.resourceVersion }, spec: { claimRef } } },
        mergePatch,
      );
    }
    if (pv.status?.phase !== 'Bound') {
      await core.patchPersistentVolumeStatus(
        { name: pvName, body: { status: { phase: 'Bound', message: null, reason: null } } },
        mergePatch,
      );
    }
    const annotations = claim.metadata?.annotations ?? {};
    if (claim.spec?.volumeName !== pvName || annotations[simulatorNames.bindCompletedAnnotation] !== 'yes') {
      const added: Record<string, string> = { [simulatorNames.bindCompletedAnnotation]: 'yes' };
      if (!claim.spec?.volumeName) added[simulatorNames.boundByControllerAnnotation] = 'yes';
      if (pv.spec?.csi?.driver) {
        added[simulatorNames.storageProvisionerAnnotation] = pv.spec.csi.driver;
        added[simulatorNames.betaStorageProvisionerAnnotation] = pv.spec.csi.driver;
      }
      await core.patchNamespacedPersistentVolumeClaim(
        { name, namespace, body: { metadata: { annotations: added }, spec: { volumeName: pvName } } },
        mergePatch,
      );
    }
    if (claim.status?.phase !== 'Bound') {
      const status = { phase: 'Bound', accessModes: pv.spec?.accessModes, capacity: pv.spec?.capacity };
      await core.patchNamespacedPersistentVolumeClaimStatus({ name, namespace, body: { status } }, mergePatch);
    }
  } catch (error) {
    throw toKubeError(error, what);
  }
  context.logger.info({ pv: pvName, claim: `${namespace}/${name}` }, 'claim bound');
}
