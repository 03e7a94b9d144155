import type { VolumeSnapshot, VolumeSnapshotContent } from '@ferry/api';
import { diagnoseExposure, type ExposureObservations } from './exposure-diagnosis';
import { humanizeEventMessage } from './object-findings';
import { aBackupPvc, aPod, aPv, aVs, aVsc, aWarning } from './testing';

const unschedulable = {
  type: 'PodScheduled',
  status: 'False',
  reason: 'Unschedulable',
  message: '0/2 nodes are available: 2 node(s) had untolerated taint.',
};
const scFailure = aWarning('ProvisioningFailed', 'storageclass.storage.k8s.io "fast-ro" not found');

function vsWithError(message: string): VolumeSnapshot {
  return { ...aVs(), status: { readyToUse: false, error: { message } } };
}
function vscWithError(message: string): VolumeSnapshotContent {
  return { ...aVsc(), status: { readyToUse: false, error: { message } } };
}
function backup(obs: Omit<ExposureObservations, 'direction'>): ExposureObservations {
  return { direction: 'backup', ...obs };
}

describe('exposure diagnosis - cause', () => {
  it.each<[string, ExposureObservations, string | undefined]>([
    [
      'all healthy',
      backup({
        pod: aPod('Running', { nodeName: 'n1' }),
        pvc: aBackupPvc('Bound', 'pv-1'),
        pv: aPv('Bound'),
        vs: aVs(),
        vsc: aVsc(),
        moverRunningOnNode: true,
      }),
      undefined,
    ],
    [
      'PVC provisioning failed',
      backup({
        pod: aPod('Pending', { conditions: [unschedulable] }),
        pvc: aBackupPvc('Pending'),
        pvcEvents: [aWarning('Other', 'x'), scFailure],
      }),
      "backupPVC Pending: storage class 'fast-ro' not found",
    ],
    [
      'PVC pending with another Warning',
      backup({ pvc: aBackupPvc('Pending'), pvcEvents: [aWarning('ExternalProvisioning', 'waiting for a volume')] }),
      'backupPVC Pending: waiting for a volume',
    ],
    [
      'PVC pending without events',
      backup({ pvc: aBackupPvc('Pending'), pvcEvents: [{ type: 'Normal', reason: 'WaitForFirstConsumer', message: 'waiting' }] }),
      'backupPVC Pending',
    ],
    [
      'pod unschedulable',
      backup({ pod: aPod('Pending', { conditions: [unschedulable] }), pvc: aBackupPvc('Bound') }),
      `backup pod Pending: ${unschedulable.message}`,
    ],
    ['pod pending without condition', backup({ pod: aPod('Pending'), pvc: aBackupPvc('Bound') }), 'backup pod Pending'],
    [
      'image pull back-off',
      backup({ pod: aPod('Pending', { nodeName: 'n1', waitingReason: 'ImagePullBackOff' }), moverRunningOnNode: false }),
      'image pull failed: Back-off pulling image "ferry/mover:dev"',
    ],
    [
      'image never pulled',
      backup({ pod: aPod('Pending', { waitingReason: 'ErrImageNeverPull' }) }),
      'image pull failed: Back-off pulling image "ferry/mover:dev"',
    ],
    ['pod failed', backup({ pod: aPod('Failed', { nodeName: 'n1', message: 'evicted' }) }), 'backup pod Failed: evicted'],
    [
      'VS error beats everything',
      backup({
        pod: aPod('Pending', { conditions: [unschedulable] }),
        pvc: aBackupPvc('Pending'),
        pvcEvents: [scFailure],
        vs: vsWithError('snapshot gone'),
        vsc: vscWithError('handle invalid'),
      }),
      'VolumeSnapshot not ready: snapshot gone',
    ],
    [
      'VSC error',
      backup({ vs: { ...aVs(), status: { readyToUse: false } }, vsc: vscWithError('handle invalid') }),
      'VolumeSnapshotContent not ready: handle invalid',
    ],
    ['VS not ready without error', backup({ vs: { ...aVs(), status: { readyToUse: false } } }), 'VolumeSnapshot not ready'],
    ['PV failed', backup({ pvc: aBackupPvc('Bound', 'pv-1'), pv: aPv('Failed', 'recycler failed') }), 'PV pv-1 Failed: recycler failed'],
    [
      'no mover on node',
      backup({ pod: aPod('Running', { nodeName: 'n1' }), pvc: aBackupPvc('Bound'), moverRunningOnNode: false }),
      'no mover running on node n1',
    ],
    ['pod not found', backup({ pod: null, pvc: aBackupPvc('Bound') }), 'backup pod not found'],
    ['fetch failure beats not found', backup({ pod: null, pvc: { fetchError: 'forbidden' } }), 'error getting backupPVC: forbidden'],
    [
      'restore subjects',
      { direction: 'restore', pod: aPod('Pending', { conditions: [unschedulable] }) },
      `restore pod Pending: ${unschedulable.message}`,
    ],
  ])('%s', (_name, obs, cause) => {
    expect(diagnoseExposure(obs).cause).toBe(cause);
  });
});

describe('exposure diagnosis - findings', () => {
  it('reports each observed object in order with its state, problem and details', () => {
    const diagnosis = diagnoseExposure(
      backup({
        pod: aPod('Pending', { conditions: [unschedulable] }),
        podEvents: [aWarning('FailedScheduling', 'no nodes')],
        pvc: aBackupPvc('Pending'),
        pvcEvents: [scFailure],
        vs: aVs(),
        vsc: aVsc(),
        moverRunningOnNode: true,
      }),
    );
    expect(diagnosis.findings.map((f) => [f.object, f.state, f.problem])).toEqual([
      ['Pod', 'Pending', unschedulable.message],
      ['PersistentVolumeClaim', 'Pending', "storage class 'fast-ro' not found"],
      ['VolumeSnapshot', 'readyToUse=true', undefined],
      ['VolumeSnapshotContent', 'readyToUse=true', undefined],
    ]);
    expect(diagnosis.findings[0]?.details).toEqual([
      'phase Pending',
      `condition PodScheduled=False Unschedulable ${unschedulable.message}`,
      'event FailedScheduling: no nodes',
    ]);
    expect(diagnosis.findings[3]?.details).toContain('snapshotHandle handle-1');
  });

  it('reports the node with a running mover without a problem', () => {
    const diagnosis = diagnoseExposure(backup({ pod: aPod('Running', { nodeName: 'n1' }), moverRunningOnNode: true }));
    expect(diagnosis.findings.at(-1)).toEqual({ object: 'Node', name: 'n1', state: 'mover running', details: [] });
  });

  it('skips objects that were not looked at', () => {
    expect(diagnoseExposure({ direction: 'restore' })).toEqual({ findings: [] });
  });
});

describe('exposure diagnosis - event wording', () => {
  it.each([
    ['storageclass.storage.k8s.io "fast-ro" not found', "storage class 'fast-ro' not found"],
    ['failed to provision volume: timeout', 'failed to provision volume: timeout'],
  ])('%s', (message, expected) => {
    expect(humanizeEventMessage(message)).toBe(expected);
  });
});
