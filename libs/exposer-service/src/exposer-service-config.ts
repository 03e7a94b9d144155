// The exposer service's own settings, read from the environment (beyond service-runtime's).
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

/** Thrown by {@link readExposerServiceSettings}; the message names the variable and the fix. */
export class InvalidExposerSettingsError extends Error {
  /** Stable code, like service-runtime's configuration errors. */
  readonly code = 'EXPOSER_INVALID_SETTINGS';
  /** Fixing the environment is needed; retrying does not help. */
  readonly retryable = false;

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'InvalidExposerSettingsError';
  }
}

/** Reads the settings from `env`. Pure. Throws {@link InvalidExposerSettingsError} for a bad duration. */
export function readExposerServiceSettings(env: Readonly<Record<string, string | undefined>>): ExposerServiceSettings {
  const configMap = env['FERRY_NODE_AGENT_CONFIGMAP']?.trim();
  const image = env['FERRY_EXPOSER_POD_IMAGE']?.trim();
  const timeout = env['FERRY_PREPARE_TIMEOUT']?.trim();
  let prepareTimeoutMs = defaultPrepareTimeoutMs;
  if (timeout) {
    try {
      prepareTimeoutMs = parseGoDuration(timeout, 'FERRY_PREPARE_TIMEOUT');
    } catch (cause) {
      throw new InvalidExposerSettingsError((cause as Error).message, { cause });
    }
  }
  return { ...(configMap ? { nodeAgentConfigMap: configMap } : {}), prepareTimeoutMs, podImage: image || defaultExposerPodImage };
}
