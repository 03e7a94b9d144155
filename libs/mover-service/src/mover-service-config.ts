// The mover service's own settings, read from the environment (beyond service-runtime's shared ones).
import { parseGoDuration } from '@ferry/data-movement';
import { MoverServiceError, MoverServiceErrorCode } from './errors';

/** Settings of the mover service. */
export interface MoverServiceSettings {
  /** `FERRY_NODE_NAME` (required): the node this mover serves; in a DaemonSet from `spec.nodeName`. */
  readonly nodeName: string;
  /** `FERRY_KUBELET_ROOT`: the kubelet's root folder holding `pods/<uid>/volumes`; default `/var/lib/kubelet`. */
  readonly kubeletRoot: string;
  /**
   * `FERRY_MOVER_WORK_DIR`: private folder (0700) for the tools' configuration, caches, password
   * files and pid records; default `/tmp/ferry-mover`. Keep it across restarts to keep caches.
   */
  readonly workDir: string;
  /** `FERRY_NODE_AGENT_CONFIGMAP`: the node-agent ConfigMap's name (loadConcurrency); unset = none (concurrency 1). */
  readonly nodeAgentConfigMap?: string;
  /**
   * `FERRY_MOVER_JOB_ACK_WAIT`: Go duration; how long a job taken by a mover that died stays with
   * it before JetStream redelivers it (default: the consumer's, 1 minute). A running job extends
   * it every quarter of that, so this does not limit a job's length.
   */
  readonly jobAckWaitMs?: number;
  /** `FERRY_RESTIC_BINARY`: restic to run; default `restic` on PATH. */
  readonly resticBinary: string;
  /** `FERRY_KOPIA_BINARY`: kopia to run; default `kopia` on PATH. */
  readonly kopiaBinary: string;
}

/** Kubelet root when `FERRY_KUBELET_ROOT` is unset. */
export const defaultKubeletRoot = '/var/lib/kubelet';
/** Work folder when `FERRY_MOVER_WORK_DIR` is unset. */
export const defaultMoverWorkDir = '/tmp/ferry-mover';

function invalid(message: string, cause?: unknown): MoverServiceError {
  return new MoverServiceError(MoverServiceErrorCode.InvalidSettings, message, { cause });
}

function absolutePath(env: Readonly<Record<string, string | undefined>>, name: string, fallback: string): string {
  const value = env[name]?.trim() || fallback;
  if (!value.startsWith('/'))
    throw invalid(`${name}=${JSON.stringify(value)} is not an absolute path: give the full path, e.g. ${fallback}`);
  return value.replace(/\/+$/, '') || '/';
}

/**
 * Reads the settings from `env`. Pure. Throws a {@link MoverServiceError} `MOVER_INVALID_SETTINGS`
 * naming the variable and the fix: `FERRY_NODE_NAME` unset, a relative path, a bad duration.
 */
export function readMoverServiceSettings(env: Readonly<Record<string, string | undefined>>): MoverServiceSettings {
  const nodeName = env['FERRY_NODE_NAME']?.trim();
  if (!nodeName) {
    throw invalid(
      'FERRY_NODE_NAME is not set: give the name of the node this mover serves (in a DaemonSet: valueFrom.fieldRef.fieldPath spec.nodeName)',
    );
  }
  const ackWait = env['FERRY_MOVER_JOB_ACK_WAIT']?.trim();
  let jobAckWaitMs: number | undefined;
  if (ackWait) {
    try {
      jobAckWaitMs = parseGoDuration(ackWait, 'FERRY_MOVER_JOB_ACK_WAIT');
    } catch (cause) {
      throw invalid((cause as Error).message, cause);
    }
  }
  const configMap = env['FERRY_NODE_AGENT_CONFIGMAP']?.trim();
  return {
    nodeName,
    kubeletRoot: absolutePath(env, 'FERRY_KUBELET_ROOT', defaultKubeletRoot),
    workDir: absolutePath(env, 'FERRY_MOVER_WORK_DIR', defaultMoverWorkDir),
    ...(configMap ? { nodeAgentConfigMap: configMap } : {}),
    ...(jobAckWaitMs ? { jobAckWaitMs } : {}),
    resticBinary: env['FERRY_RESTIC_BINARY']?.trim() || 'restic',
    kopiaBinary: env['FERRY_KOPIA_BINARY']?.trim() || 'kopia',
  };
}
