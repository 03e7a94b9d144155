// The exposer service's own settings, read from the environment (beyond service-runtime's).
import { ExposerServiceError, ExposerServiceErrorCode } from './errors';
import { defaultPrepareTimeoutMs, parseGoDuration } from './exposure-timing';

/** Settings of the exposer service. */
export interface ExposerServiceSettings {
  /** `FERRY_NODE_AGENT_CONFIGMAP`: the node-agent ConfigMap's name (Velero's `--node-agent-configmap`); unset = none. */
  readonly nodeAgentConfigMap?: string;
  /** `FERRY_PREPARE_TIMEOUT`: Go duration, default `30m` (Velero's `--data-mover-prepare-timeout`). */
  readonly prepareTimeoutMs: number;
  /** `FERRY_EXPOSER_POD_IMAGE`: image of the backup/restore pods (the mover's); default {@link defaultExposerPodImage}. */
  readonly podImage: string;
}

/** Image of the exposer pods when `FERRY_EXPOSER_POD_IMAGE` is unset. */
export const defaultExposerPodImage = 'ferry/ferry:latest';

/** Reads the settings from `env`. Pure. Throws an {@link ExposerServiceError} `EXPOSER_INVALID_SETTINGS` for a bad duration. */
export function readExposerServiceSettings(env: Readonly<Record<string, string | undefined>>): ExposerServiceSettings {
  const configMap = env['FERRY_NODE_AGENT_CONFIGMAP']?.trim();
  const image = env['FERRY_EXPOSER_POD_IMAGE']?.trim();
  const timeout = env['FERRY_PREPARE_TIMEOUT']?.trim();
  let prepareTimeoutMs = defaultPrepareTimeoutMs;
  if (timeout) {
    try {
      prepareTimeoutMs = parseGoDuration(timeout, 'FERRY_PREPARE_TIMEOUT');
    } catch (cause) {
      throw new ExposerServiceError(ExposerServiceErrorCode.InvalidSettings, (cause as Error).message, { cause });
    }
  }
  return { ...(configMap ? { nodeAgentConfigMap: configMap } : {}), prepareTimeoutMs, podImage: image || defaultExposerPodImage };
}
