import { MoverServiceErrorCode } from './errors';
import { readMoverServiceSettings } from './mover-service-config';

describe('mover settings - environment', () => {
  it('requires the node name and defaults the rest', () => {
    expect(() => readMoverServiceSettings({})).toThrow(/^FERRY_NODE_NAME is not set/);
    expect(readMoverServiceSettings({ FERRY_NODE_NAME: 'node-a' })).toEqual({
      nodeName: 'node-a',
      kubeletRoot: '/var/lib/kubelet',
      workDir: '/tmp/ferry-mover',
      resticBinary: 'restic',
      kopiaBinary: 'kopia',
    });
  });

  it('reads every variable', () => {
    expect(
      readMoverServiceSettings({
        FERRY_NODE_NAME: 'n',
        FERRY_KUBELET_ROOT: '/k/',
        FERRY_MOVER_WORK_DIR: '/w',
        FERRY_NODE_AGENT_CONFIGMAP: 'node-agent',
        FERRY_MOVER_JOB_ACK_WAIT: '3s',
        FERRY_RESTIC_BINARY: '/bin/restic',
        FERRY_KOPIA_BINARY: '/bin/kopia',
      }),
    ).toEqual({
      nodeName: 'n',
      kubeletRoot: '/k',
      workDir: '/w',
      nodeAgentConfigMap: 'node-agent',
      jobAckWaitMs: 3000,
      resticBinary: '/bin/restic',
      kopiaBinary: '/bin/kopia',
    });
  });

  it.each([
    [{ FERRY_MOVER_JOB_ACK_WAIT: 'soon' }, /^FERRY_MOVER_JOB_ACK_WAIT="soon" is not a positive duration/],
    [{ FERRY_KUBELET_ROOT: 'var/lib/kubelet' }, /^FERRY_KUBELET_ROOT="var\/lib\/kubelet" is not an absolute path/],
    [{ FERRY_MOVER_WORK_DIR: 'work' }, /^FERRY_MOVER_WORK_DIR="work" is not an absolute path/],
  ])('names the variable of %p', (env, message) => {
    expect(() => readMoverServiceSettings({ FERRY_NODE_NAME: 'n', ...env })).toThrow(
      expect.objectContaining({ code: MoverServiceErrorCode.InvalidSettings, message: expect.stringMatching(message) }),
    );
  });
});
