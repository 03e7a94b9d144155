// The reconciler and result handler wired to the in-memory fakes and a fake clock, with shortcuts
// that build results and drive a resource to a phase. For the transition specs.
import type { DataMoverClass } from '@ferry/api';
import type { FerryContracts, MessageOf } from '@ferry/contracts';
import { moveJobId } from '@ferry/data-movement';
import { FakeClock } from '@ferry/kube/testing';
import { silentLogger } from '@ferry/logger';
import type { ControllerServiceSettings } from '../controller-service-config';
import { DataPathReconciler } from '../data-path-reconciler';
import type { DataPathResource } from '../data-path-resources';
import { DataPathResultHandler } from '../data-path-results';
import { refOf, type ResourceRef } from '../data-path-store';
import { moveAttemptOf } from '../resource-marks';
import { SentJobLedger } from '../sent-job-ledger';
import {
  FakeRepositoryProvisioner,
  InMemoryDataPathStore,
  RecordingEventRecorder,
  RecordingJobPublisher,
  TableVolumeLocator,
} from './data-path-fakes';

type ExposeResult = MessageOf<FerryContracts['messages']['exposeResult']>;
type MoveResult = MessageOf<FerryContracts['messages']['moveResult']>;

/** Settings of the bench (role server, 30 min prepare timeout, 3 attempts). */
export const benchSettings: ControllerServiceSettings = {
  role: 'server',
  prepareTimeoutMs: 30 * 60_000,
  maxMoveAttempts: 3,
  resyncIntervalMs: 5_000,
  identity: 'ferry-controller-0',
};

/** A bench: fakes, the reconciler, the result handler, and shortcuts. */
export function createDataPathTestBench(options: { settings?: Partial<ControllerServiceSettings>; classes?: DataMoverClass[] } = {}) {
  const clock = new FakeClock(Date.UTC(2026, 0, 1, 12));
  const store = new InMemoryDataPathStore();
  const jobs = new RecordingJobPublisher();
  const events = new RecordingEventRecorder();
  const repositories = new FakeRepositoryProvisioner();
  const locator = new TableVolumeLocator();
  const sent = new SentJobLedger();
  const forgotten: ResourceRef[] = [];
  const settings = { ...benchSettings, ...options.settings };
  const shared = { store, jobs, events, settings, clock, classes: () => options.classes ?? [], logger: silentLogger(), sent };
  const reconciler = new DataPathReconciler({ ...shared, repositories, locator, runId: 'run-1', onForget: (ref) => forgotten.push(ref) });
  const results = new DataPathResultHandler(shared);
  const operation = (resource: DataPathResource) => {
    const { kind, namespace, name } = refOf(resource);
    return { kind, namespace, name };
  };
  const at = () => new Date(clock.now()).toISOString();
  const bench = {
    clock,
    store,
    jobs,
    events,
    repositories,
    locator,
    sent,
    forgotten,
    reconciler,
    results,
    /** Reconciles `resource`'s key once. */
    reconcile: (resource: DataPathResource) => reconciler.reconcile(refOf(resource)),
    /** Sets `spec.cancel` as Velero does. */
    requestCancel: (resource: DataPathResource) =>
      store.edit(refOf(resource), (copy) => {
        if (copy.spec) copy.spec.cancel = true;
      }),
    /** The stored state of `resource`. */
    current: (resource: DataPathResource) => store.get(refOf(resource)),
    /** An `exposed` result on node-1. */
    exposed(resource: DataPathResource): Promise<void> {
      const { kind, namespace, name } = refOf(resource);
      if (kind !== 'DataUpload' && kind !== 'DataDownload') throw new Error(`${kind} has no exposure`);
      const result: ExposeResult = {
        v: 1,
        operation: { kind, namespace, name },
        direction: kind === 'DataUpload' ? 'backup' : 'restore',
        outcome: 'exposed',
        exposed: {
          node: 'node-1',
          podName: 'expose-pod',
          podUid: 'pod-uid-1',
          pvName: 'pv-1',
          pvcName: 'expose-pvc',
          volumeName: 'data',
          readOnly: false,
        },
        at: at(),
      };
      return results.applyExposeResult(result);
    },
    /** A mover result of `attempt` (default: the current one). */
    moved(resource: DataPathResource, outcome: Partial<MoveResult> & Pick<MoveResult, 'outcome'>, attempt?: number): Promise<void> {
      const current = store.get(refOf(resource));
      const result: MoveResult = {
        v: 1,
        jobId: moveJobId(current.kind, current.metadata?.uid ?? '', attempt ?? moveAttemptOf(current)),
        operation: operation(current),
        direction: current.kind === 'DataUpload' || current.kind === 'PodVolumeBackup' ? 'backup' : 'restore',
        node: 'node-1',
        startedAt: at(),
        completedAt: at(),
        ...outcome,
      };
      return results.applyMoveResult(result);
    },
    /**
     * Puts a New resource and drives it to InProgress through accept, exposure (DU/DD; PVB/PVR:
     * the pod volume, which `locator` must know) and the first move.
     */
    async toInProgress<R extends DataPathResource>(resource: R): Promise<DataPathResource> {
      store.put(resource);
      await bench.reconcile(resource);
      await bench.reconcile(resource);
      if (resource.kind === 'DataUpload' || resource.kind === 'DataDownload') await bench.exposed(resource);
      return store.get(refOf(resource));
    },
  };
  return bench;
}
