// The one `policy.evaluate` request of a Backup (the Backup sent inline, so the policy service
// plans exactly the spec the controller holds) and what a refused plan becomes.
import type { Backup } from '@ferry/api';
import type { ResultLogFields } from '@ferry/backup';
import type { FerryContracts, ReplyOf } from '@ferry/contracts';
import { isRetryable } from '@ferry/errors';
import { RemoteError, request, type NatsClient } from '@ferry/nats';

/** The plan as the contract returns it. */
export type BackupVolumePlan = ReplyOf<FerryContracts['messages']['policyEvaluate']>;

/** Asks the policy service for the Backup's plan (waits up to `planTimeoutMs`, default 30 s). */
export function requestPlan(
  deps: { readonly nats: NatsClient; readonly contracts: FerryContracts; readonly planTimeoutMs?: number | undefined },
  backup: Backup,
  signal: AbortSignal,
): Promise<BackupVolumePlan> {
  const { name, namespace, uid, labels, annotations } = backup.metadata ?? {};
  const inline = {
    apiVersion: backup.apiVersion ?? 'velero.io/v1',
    kind: backup.kind ?? 'Backup',
    metadata: { name, namespace, uid, labels, annotations },
    spec: backup.spec,
  } as Backup;
  return request(
    deps.nats,
    deps.contracts.messages.policyEvaluate,
    {},
    { backup: inline },
    { timeoutMs: deps.planTimeoutMs ?? 30_000, signal },
  );
}

/**
 * A plan the policy service refused for good (a RemoteError it marked not retryable, e.g. the
 * resource policies became invalid after validation) as the Backup's error; every other failure is
 * rethrown so the caller retries `start`.
 */
export function planFailure(error: unknown): ResultLogFields {
  if (error instanceof RemoteError && !isRetryable(error)) {
    return { message: 'Error planning the volumes of the backup with the policy service', error: error.message };
  }
  throw error;
}
