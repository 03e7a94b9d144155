import { PatchStrategy, setHeaderOptions, type V1PersistentVolume } from '@kubernetes/client-node';
import { isNotFound, toKubeError, objectKey } from '@ferry/kube';
import { finalizerRemovalPatch } from './finalizers';
import { volumeDirectory } from './simulator-layout';
import { messageOf, simulatorNames, type SimulatorContext, type SimulatorController, createSimulatorController } from './simulator-context';
import { removeDirectory } from './volume-storage';

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/** True for PVs whose data lives in the simulator's storage. */
function isOwnVolume(pv: V1PersistentVolume): boolean {
  return pv.spec?.csi?.driver === simulatorNames.driver;
}

/**
 * Plays the PV controller's reclaim side: when the claim of a bound PV is gone, a `Delete` PV of
 * the simulator's driver loses its data folder and is deleted; a `Retain` one becomes Released
 * (data kept, ready to be re-bound by resetting its claimRef). Also plays the pv-protection
 * controller (a deleted PV keeps its finalizer while it is Bound to an existing claim) and removes
 * the data of a deleted `Delete` PV.
 */
export function createVolumeReclaimer(context: SimulatorContext): SimulatorController {
  const { persistentVolumes: volumes, persistentVolumeClaims: claims } = context.informers;
  const controller = createSimulatorController(context, {
    name: 'reclaimer',
    reconcile: (key) => reconcile(key),
    resyncKeys: () =>
      volumes
        .list()
        .filter((pv) => pv.status?.phase !== 'Available' && pv.status?.phase !== 'Released')
        .map(objectKey),
  });

  /** Asks the API server rather than the cache: a claim created a moment ago may not be cached yet. */
  const claimExists = async (pv: V1PersistentVolume): Promise<boolean> => {
    const ref = pv.spec?.claimRef;
    if (!ref?.name || !ref.namespace) return false;
    try {
      const claim = await context.client.core.readNamespacedPersistentVolumeClaim({ name: ref.name, namespace: ref.namespace });
      return !ref.uid || claim.metadata?.uid === ref.uid;
    } catch (error) {
      const failure = toKubeError(error, `read claim ${ref.namespace}/${ref.name}`);
      if (isNotFound(failure)) return false;
      throw failure;
    }
  };

  const patchStatus = async (pv: V1PersistentVolume, phase: string) => {
    if (pv.status?.phase === phase) return;
    const name = pv.metadata?.name ?? '';
    await context.client.core.patchPersistentVolumeStatus({ name, body: { status: { phase } } }, mergePatch).catch((error: unknown) => {
      throw toKubeError(error, `set PV ${name} ${phase}`);
    });
  };

  const reconcile = async (name: string) => {
    const pv = volumes.get(undefined, name);
    if (!pv) return;
    const ref = pv.spec?.claimRef;
    if (pv.metadata?.deletionTimestamp) {
      const bound = pv.status?.phase === 'Bound' && (await claimExists(pv));
      const patch = bound ? undefined : finalizerRemovalPatch(pv, simulatorNames.pvProtectionFinalizer);
      if (patch) await context.client.core.patchPersistentVolume({ name, body: patch }, mergePatch);
      return;
    }
    if (!ref) return patchStatus(pv, 'Available');
    // Pre-bound by name only (e.g. a restore re-binding a Retained PV): the provisioner binds it.
    if (!ref.uid) return;
    if (claims.get(ref.namespace, ref.name ?? '')?.metadata?.uid === ref.uid || (await claimExists(pv))) return;
    const policy = pv.spec?.persistentVolumeReclaimPolicy ?? 'Retain';
    if (policy === 'Delete' && isOwnVolume(pv)) {
      await removeDirectory(volumeDirectory(context.layout, pv.spec?.csi?.volumeHandle ?? name));
      try {
        await context.client.core.deletePersistentVolume({ name, body: { preconditions: { uid: pv.metadata?.uid } } });
      } catch (error) {
        const failure = toKubeError(error, `delete released PV ${name}`);
        if (!isNotFound(failure)) throw failure;
      }
      context.logger.info({ pv: name, claim: `${ref.namespace}/${ref.name}` }, 'released volume deleted');
      return;
    }
    await patchStatus(pv, 'Released');
  };

  return {
    name: 'reclaimer',
    start() {
      controller.start();
      volumes.on('add', (pv) => controller.enqueue(objectKey(pv)));
      volumes.on('update', (pv) => controller.enqueue(objectKey(pv)));
      volumes.on('delete', (pv) => {
        if (!isOwnVolume(pv) || pv.spec?.persistentVolumeReclaimPolicy !== 'Delete') return;
        removeDirectory(volumeDirectory(context.layout, pv.spec.csi?.volumeHandle ?? pv.metadata?.name ?? '')).catch((error: unknown) =>
          context.logger.warn({ pv: pv.metadata?.name, err: messageOf(error) }, 'could not remove the data of a deleted volume'),
        );
      });
      claims.on('delete', (claim) => {
        if (claim.spec?.volumeName) controller.enqueue(claim.spec.volumeName);
      });
    },
    async stop() {
      await controller.stop();
    },
  };
}
