// The exposer service's own settings, read from the environment (beyond service-runtime's).
import { ExposerServiceError, ExposerServiceErrorCode } from './errors';
import { defaultPrepareTimeoutMs, parseGoDuration } from '@ferry/data-movement';

/** Settings of the exposer service. */
export interface ExposerServiceSettings {
  /** `FERRY_NODE_AGENT_CONFIGMAP`: the node-agent ConfigMap's name (Velero's `--node-agent-configmap`); unset = none. */
  readonly nodeAgentConfigMap?: string;
  /** `FERRY_PREPARE_TIMEOUT`: Go duration, default `30m` (Velero's `--data-mover-prepare-timeout`). */
  readonly prepareTimeoutMs: number;
  /**
   * `FERRY_EXPOSER_JOB_ACK_WAIT`: Go duration; how long a job taken by an exposer that died stays
   * with it before JetStream redelivers it to another (default: the consumer's, 1 minute). The
   * running exposer extends it while it works, so this is not a limit on a job's length.
   */
  readonly jobAckWaitMs?: number;
  /** `FERRY_EXPOSER_POD_IMAGE`: image of the backup/restore pods (the mover's); default {@link defaultExposerPodImage}. */
  readonly podImage: string;
}

/** Image of the exposer pods when `FERRY_EXPOSER_POD_IMAGE` is unset. */
export const defaultExposerPodImage = 'ferry/ferry:latest';

/** Reads the settings from `env`. Pure. Throws an {@link ExposerServiceError} `EXPOSER_INVALID_SETTINGS` naming the variable of a bad duration. */
export function readExposerServiceSettings(env: Readonly<Record<string, string | undefined>>): ExposerServiceSettings {
  const configMap = env['FERRY_NODE_AGENT_CONFIGMAP']?.trim();
  const image = env['FERRY_EXPOSER_POD_IMAGE']?.trim();
  const duration = (name: string): number | undefined => {
    const text = env[name]?.trim();
    if (!text) return undefined;
    try {
      return parseGoDuration(text, name);
    } catch (cause) {
      throw new ExposerServiceError(ExposerServiceErrorCode.InvalidSettings, (cause as Error).message, { cause });
    }
  };
  const prepareTimeoutMs = duration('FERRY_PREPARE_TIMEOUT') ?? defaultPrepareTimeoutMs;
  const jobAckWaitMs = duration('FERRY_EXPOSER_JOB_ACK_WAIT');
  return {
    ...(configMap ? { nodeAgentConfigMap: configMap } : {}),
    prepareTimeoutMs,
    ...(jobAckWaitMs ? { jobAckWaitMs } : {}),
    podImage: image || defaultExposerPodImage,
  };
}
