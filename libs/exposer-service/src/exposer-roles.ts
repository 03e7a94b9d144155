// The roles of the exposer service (docs/velero-compatibility.md#csi-snapshot-exposure and
// #generic-restore-exposure): one exposer per direction, keyed by the operation (the DataUpload or
// DataDownload) so every call is idempotent and a restarted exposer picks up where it stopped. The
// job layer (NATS) drives these; tests call them directly.
import type { ExposureDiagnosis } from '@ferry/exposer';

/** The operation an exposure belongs to. Intermediate objects are named after it, in its namespace. */
export interface OperationRef {
  readonly kind: 'DataUpload' | 'DataDownload';
  readonly namespace: string;
  readonly name: string;
}

/** Where a mover finds the exposed volume: the pod's node and its kubelet volume directory. */
export interface ExposedVolume {
  readonly node: string;
  readonly podName: string;
  readonly podUid: string;
  /** The PV behind the intermediate PVC: the mover reads `<root>/pods/<podUid>/volumes/*\/<pvName>/mount`. */
  readonly pvName: string;
  /** Name of the intermediate PVC (`<operation>`). */
  readonly pvcName: string;
  /** The data volume's name in the pod (the operation's UID). */
  readonly volumeName: string;
  readonly readOnly: boolean;
  /** The intermediate PVC's storage class (the node-agent config's backupPVC/restorePVC class, else the source's). */
  readonly storageClass?: string;
}

/**
 * State of an exposure: still being prepared (and what it waits for), exposed (where), or failed
 * beyond recovery (the pod failed, its image cannot be pulled) with the diagnosis.
 */
export type ExposureState =
  | { readonly phase: 'preparing'; readonly waitingFor: string }
  | { readonly phase: 'exposed'; readonly volume: ExposedVolume }
  | { readonly phase: 'failed'; readonly diagnosis: ExposureDiagnosis };

/**
 * Makes a CSI snapshot readable on some node (backup). Every method is idempotent and may be called
 * again after a crash: what exists is reused, what is missing is created, nothing is duplicated.
 */
export interface SnapshotExposer {
  /**
   * Waits (bounded by `signal`) until the DataUpload's VolumeSnapshot is ready, takes the snapshot
   * over (VS/VSC `<du>`, the original VSC retained while switching), and creates the backupPVC and
   * backupPod. Does not wait for the pod to run: see `state`.
   */
  expose(operation: OperationRef, signal?: AbortSignal): Promise<void>;
  /** Reads the current state; never creates anything. */
  state(operation: OperationRef): Promise<ExposureState>;
  /** Fetches every object of the exposure and diagnoses it (see `@ferry/exposer` diagnoseExposure). */
  diagnose(operation: OperationRef): Promise<ExposureDiagnosis>;
  /** Deletes the pod, the backupPVC and its PV, VS/VSC `<du>` and the original VS if still there. */
  cleanUp(operation: OperationRef): Promise<void>;
}

/**
 * Makes a restore's target volume writable on a node (restore): a restorePVC and restorePod, then,
 * once the mover wrote the data, hands the PV over to the target PVC. Idempotent like
 * {@link SnapshotExposer}.
 */
export interface RestoreExposer {
  /**
   * Waits (bounded by `signal`) for the target PVC's selected node when its class is
   * WaitForFirstConsumer (unless `restorePVC.ignoreDelayBinding`), then creates the restorePVC and
   * restorePod. Rejects when the target PVC is already bound.
   */
  expose(operation: OperationRef, signal?: AbortSignal): Promise<void>;
  state(operation: OperationRef): Promise<ExposureState>;
  diagnose(operation: OperationRef): Promise<ExposureDiagnosis>;
  /**
   * After the data is written: the PV is retained, the pod and restorePVC deleted, the target PVC
   * bound to the PV, its reclaim policy restored. Resolves once the target PVC is Bound.
   */
  completeRestore(operation: OperationRef, signal?: AbortSignal): Promise<void>;
  /** Deletes whatever of the exposure is left (pod, restorePVC, and the PV unless handed over). */
  cleanUp(operation: OperationRef): Promise<void>;
}
