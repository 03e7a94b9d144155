// The controller's way in: `policy.evaluate` requests over NATS, answered by one replica of the
// queue group with the whole plan. Failures become error replies carrying the error's stable
// `code` (`POLICY_BACKUP_NOT_FOUND`, `POLICY_INVALID_RESOURCE_POLICIES`, ...), its Velero-style
// message and whether to retry.
import type { FerryContracts, MessageOf } from '@ferry/contracts';
import { serveRequests, type NatsClient, type SubscriptionHandle } from '@ferry/nats';
import type { BackupToPlan } from './backup-planner';
import type { BackupPlanner } from './http-routes';

type PlanRequest = MessageOf<FerryContracts['messages']['policyEvaluate']>;

/** The Backup a request names: a reference, or the inline object (it has `metadata`). Pure. */
export function backupToPlanOf(request: PlanRequest): BackupToPlan {
  const { backup } = request;
  return 'metadata' in backup ? { backup } : { namespace: backup.namespace, name: backup.name };
}

/**
 * Serves `contracts.messages.policyEvaluate` in its queue group until `signal` aborts or the
 * handle is stopped (the caller stops it before closing `nats`). Returns at once.
 */
export function servePolicyRequests(
  nats: NatsClient,
  contracts: FerryContracts,
  planner: BackupPlanner,
  signal?: AbortSignal,
): SubscriptionHandle {
  return serveRequests(nats, {
    contract: contracts.messages.policyEvaluate,
    // In-flight plans finish on stop (the handle waits for them); the signal only stops serving.
    handler: ({ data }) => planner(backupToPlanOf(data)),
    ...(signal ? { signal } : {}),
  });
}
