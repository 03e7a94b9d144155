import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PatchStrategy, setHeaderOptions, type V1OwnerReference } from '@kubernetes/client-node';
import { isNotFound } from '@ferry/kube';
import {
  boundClaim,
  claim,
  createTestNamespace,
  kubeletVolumePath,
  nodeOf,
  pod,
  runningPod,
  simulatorTestContext,
} from './simulator-test-support';
import { eventually } from '../src/testing';

const { info, client, snapshots } = simulatorTestContext();
const volumesRoot = join(info.stateDir, 'storage', 'volumes');
const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** Resolves once `read` fails with NotFound. */
async function deleted(read: () => Promise<unknown>): Promise<void> {
  await eventually(async () => {
    try {
      await read();
      return false;
    } catch (error) {
      if (isNotFound(error) || (error as { code?: number }).code === 404) return true;
      throw error;
    }
  });
}

describe('node simulator - deletion', () => {
  let namespace: string;
  beforeAll(async () => {
    namespace = await createTestNamespace(client, 'sim-lifecycle');
  });

  it('tears down a deleted pod: kubelet path unmounted and removed, pod gone despite its grace period, data kept', async () => {
    await client.core.createNamespacedPersistentVolumeClaim({ namespace, body: claim('keep') });
    await client.core.createNamespacedPod({ namespace, body: pod('short-lived', { claims: [{ claimName: 'keep' }] }) });
    const running = await runningPod(client, namespace, 'short-lived');
    const pvName = (await boundClaim(client, namespace, 'keep')).spec?.volumeName ?? '';
    const mount = kubeletVolumePath(nodeOf(info, running), running.metadata?.uid ?? '', pvName);
    await writeFile(join(mount, 'survives'), 'x');
    await client.core.deleteNamespacedPod({ name: 'short-lived', namespace });
    await deleted(() => client.core.readNamespacedPod({ name: 'short-lived', namespace }));
    await eventually(async () => !(await exists(join(nodeOf(info, running).root, 'pods', running.metadata?.uid ?? ''))));
    expect(await exists(join(volumesRoot, pvName, 'survives'))).toBe(true);
  });

  it('deletes the PV and its data when a claim of a Delete class is deleted', async () => {
    const pvName = (await boundClaim(client, namespace, 'keep')).spec?.volumeName ?? '';
    await client.core.deleteNamespacedPersistentVolumeClaim({ name: 'keep', namespace });
    await deleted(() => client.core.readNamespacedPersistentVolumeClaim({ name: 'keep', namespace }));
    await deleted(() => client.core.readPersistentVolume({ name: pvName }));
    expect(await exists(join(volumesRoot, pvName))).toBe(false);
  });

  it('keeps a Retain PV Released with its data when its claim is deleted', async () => {
    const className = `retain-${namespace}`;
    await client.storage.createStorageClass({
      body: {
        metadata: { name: className },
        provisioner: 'hostpath.csi.ferry.dev',
        reclaimPolicy: 'Retain',
        volumeBindingMode: 'Immediate',
      },
    });
    await client.core.createNamespacedPersistentVolumeClaim({ namespace, body: claim('retained', { storageClassName: className }) });
    const pvName = (await boundClaim(client, namespace, 'retained')).spec?.volumeName ?? '';
    await writeFile(join(volumesRoot, pvName, 'precious'), 'x');
    await client.core.deleteNamespacedPersistentVolumeClaim({ name: 'retained', namespace });
    const released = await eventually(async () => {
      const pv = await client.core.readPersistentVolume({ name: pvName });
      return pv.status?.phase === 'Released' ? pv : undefined;
    });
    expect(released.spec?.persistentVolumeReclaimPolicy).toBe('Retain');
    expect(await exists(join(volumesRoot, pvName, 'precious'))).toBe(true);

    // Re-binding as Velero's restore does: point the PV's claimRef at a new claim by name, then create it.
    const claimRef = { namespace, name: 'rebound', uid: null, resourceVersion: null };
    await client.core.patchPersistentVolume(
      { name: pvName, body: { spec: { claimRef } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await client.core.createNamespacedPersistentVolumeClaim({ namespace, body: claim('rebound', { storageClassName: className }) });
    const rebound = await boundClaim(client, namespace, 'rebound');
    expect(rebound.spec?.volumeName).toBe(pvName);
    expect((await client.core.readPersistentVolume({ name: pvName })).status?.phase).toBe('Bound');
  });

  it('cascades the deletion of an owner to the pods, claims, config maps, secrets and snapshots it owns', async () => {
    const owner = await client.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'owner' } } });
    const ownerReferences: V1OwnerReference[] = [
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata?.uid ?? '', controller: true },
    ];
    await client.core.createNamespacedPersistentVolumeClaim({ namespace, body: claim('owned-claim', { ownerReferences }) });
    await client.core.createNamespacedPod({
      namespace,
      body: pod('owned-pod', { claims: [{ claimName: 'owned-claim' }], ownerReferences }),
    });
    await client.core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: 'owned-secret', ownerReferences }, stringData: { k: 'v' } },
    });
    await client.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'owned-config', ownerReferences } } });
    await client.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'unowned' } } });
    const pvName = (await boundClaim(client, namespace, 'owned-claim')).spec?.volumeName ?? '';
    await runningPod(client, namespace, 'owned-pod');
    await snapshots.create({
      apiVersion: 'snapshot.storage.k8s.io/v1',
      kind: 'VolumeSnapshot',
      metadata: { name: 'owned-snapshot', namespace, ownerReferences },
      spec: { source: { persistentVolumeClaimName: 'owned-claim' } },
    });
    await eventually(async () => (await snapshots.get(namespace, 'owned-snapshot')).status?.readyToUse);

    await client.core.deleteNamespacedConfigMap({ name: 'owner', namespace });
    await deleted(() => client.core.readNamespacedPod({ name: 'owned-pod', namespace }));
    await deleted(() => client.core.readNamespacedPersistentVolumeClaim({ name: 'owned-claim', namespace }));
    await deleted(() => client.core.readNamespacedSecret({ name: 'owned-secret', namespace }));
    await deleted(() => client.core.readNamespacedConfigMap({ name: 'owned-config', namespace }));
    await deleted(() => snapshots.get(namespace, 'owned-snapshot'));
    await deleted(() => client.core.readPersistentVolume({ name: pvName }));
    expect((await client.core.readNamespacedConfigMap({ name: 'unowned', namespace })).metadata?.name).toBe('unowned');
  });

  it('finishes a foreground deletion once the dependents are gone', async () => {
    const owner = await client.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'fg-owner' } } });
    const ownerReferences: V1OwnerReference[] = [
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'fg-owner', uid: owner.metadata?.uid ?? '', blockOwnerDeletion: true },
    ];
    await client.core.createNamespacedPod({ namespace, body: pod('fg-pod', { ownerReferences }) });
    await runningPod(client, namespace, 'fg-pod');
    await client.core.deleteNamespacedConfigMap({ name: 'fg-owner', namespace, propagationPolicy: 'Foreground' });
    await deleted(() => client.core.readNamespacedPod({ name: 'fg-pod', namespace }));
    await deleted(() => client.core.readNamespacedConfigMap({ name: 'fg-owner', namespace }));
  });

  it('finalizes a deleted namespace and everything in it', async () => {
    await client.core.deleteNamespace({ name: namespace });
    await deleted(() => client.core.readNamespace({ name: namespace }));
  });
});
