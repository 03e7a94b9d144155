// The controller service's own settings, read from the environment (beyond service-runtime's).
import { ControllerRole, defaultMaxMoveAttempts, defaultPrepareTimeoutMs, goDurationVariable } from '@ferry/data-movement';
import { ControllerServiceError, ControllerServiceErrorCode } from './errors';

/** Settings of the controller service. */
export interface ControllerServiceSettings {
  /** `FERRY_CONTROLLER_ROLE`: `server` (default) or `data-mover` (beside a running Velero). */
  readonly role: ControllerRole;
  /** `FERRY_PREPARE_TIMEOUT`: Go duration, default `30m` (Velero's `--data-mover-prepare-timeout`), sent with every expose job. */
  readonly prepareTimeoutMs: number;
  /** `FERRY_MOVE_MAX_ATTEMPTS`: attempts of a move whose failures are retryable; default 3. */
  readonly maxMoveAttempts: number;
  /** `FERRY_CONTROLLER_RESYNC`: Go duration between passes over live resources (timed rules, waiting pods); default `5s`. */
  readonly resyncIntervalMs: number;
  /** `FERRY_POD_NAME` (else `HOSTNAME`): the controller's identity, written to `status.acceptedByNode`. */
  readonly identity: string;
  /**
   * `FERRY_MOVER_NATS_CREDENTIALS_DIR`: the folder of Secret `ferry-nats-mover` (`<node>.json` per
   * node) from which the controller issues each mover its node's NATS identity; unset issues none.
   */
  readonly moverNatsCredentialsDir?: string;
}

function fail(message: string, cause?: unknown): never {
  throw new ControllerServiceError(ControllerServiceErrorCode.InvalidSettings, message, { cause });
}

/** Reads the settings from `env`. Pure. Throws a {@link ControllerServiceError} `CONTROLLER_INVALID_SETTINGS` naming the variable. */
export function readControllerServiceSettings(env: Readonly<Record<string, string | undefined>>): ControllerServiceSettings {
  const role = env['FERRY_CONTROLLER_ROLE']?.trim() || ControllerRole.Server;
  if (role !== ControllerRole.Server && role !== ControllerRole.DataMover) {
    fail(`FERRY_CONTROLLER_ROLE=${JSON.stringify(role)} is unknown: use server (the whole server) or data-mover (beside a running Velero)`);
  }
  const duration = (name: string, fallback: number): number => {
    try {
      return goDurationVariable(env, name, fallback);
    } catch (cause) {
      return fail((cause as Error).message, cause);
    }
  };
  const attemptsText = env['FERRY_MOVE_MAX_ATTEMPTS']?.trim();
  const maxMoveAttempts = attemptsText ? Number(attemptsText) : defaultMaxMoveAttempts;
  if (!Number.isInteger(maxMoveAttempts) || maxMoveAttempts < 1 || maxMoveAttempts > 20) {
    fail(`FERRY_MOVE_MAX_ATTEMPTS=${JSON.stringify(attemptsText)} is not an attempt count: use an integer from 1 to 20`);
  }
  const moverNatsCredentialsDir = env['FERRY_MOVER_NATS_CREDENTIALS_DIR']?.trim() || undefined;
  return {
    role,
    prepareTimeoutMs: duration('FERRY_PREPARE_TIMEOUT', defaultPrepareTimeoutMs),
    maxMoveAttempts,
    resyncIntervalMs: duration('FERRY_CONTROLLER_RESYNC', 5000),
    identity: env['FERRY_POD_NAME']?.trim() || env['HOSTNAME']?.trim() || 'ferry-controller',
    ...(moverNatsCredentialsDir ? { moverNatsCredentialsDir } : {}),
  };
}
