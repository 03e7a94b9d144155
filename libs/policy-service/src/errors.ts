// Errors of the policy service. Each has a stable `code` (sent as the NATS error-reply code and
// mapped to an HTTP status), the `cause`, and `retryable`: whether asking again can help without
// anyone changing the Backup, its ConfigMap or the cluster.
import { FerryError } from '@ferry/errors';
import type { PolicyIssue } from '@ferry/volume-policy';

/** Stable codes of policy-service failures; switch on these, never on messages. */
export const PolicyServiceErrorCode = {
  /** The Backup named by the request does not exist. */
  BackupNotFound: 'POLICY_BACKUP_NOT_FOUND',
  /**
   * The Backup's resource policies cannot be used: ConfigMap missing, not exactly one data key,
   * or the document is invalid. The Velero-style message is the Backup's validation error.
   */
  InvalidResourcePolicies: 'POLICY_INVALID_RESOURCE_POLICIES',
  /** The cluster-wide policy ConfigMap (FERRY_GLOBAL_VOLUME_POLICIES_CONFIGMAP) cannot be used. */
  InvalidGlobalPolicies: 'POLICY_INVALID_GLOBAL_POLICIES',
  /** Reading the inventory or a ConfigMap failed at the API server (unreachable, forbidden...). */
  ClusterReadFailed: 'POLICY_CLUSTER_READ_FAILED',
  /** The service's environment is unusable. */
  InvalidConfig: 'POLICY_INVALID_CONFIG',
} as const;
/** One of {@link PolicyServiceErrorCode}. */
export type PolicyServiceErrorCode = (typeof PolicyServiceErrorCode)[keyof typeof PolicyServiceErrorCode];

/** Base of the policy service's errors. */
export abstract class PolicyServiceError<Code extends PolicyServiceErrorCode = PolicyServiceErrorCode> extends FerryError<Code> {}

/** The Backup `namespace/name` does not exist; create it or fix the name. Not retryable. */
export class BackupNotFoundError extends PolicyServiceError<typeof PolicyServiceErrorCode.BackupNotFound> {
  constructor(
    readonly namespace: string,
    readonly backupName: string,
    options?: { cause?: unknown },
  ) {
    super(PolicyServiceErrorCode.BackupNotFound, `backup ${namespace}/${backupName} not found`, {
      cause: options?.cause,
      retryable: false,
    });
  }
}

/**
 * The Backup's resource policies are unusable. `message` keeps Velero's wording (`fail to get the
 * ResourcePolicies ...`, `illegal resource policies ...`, `fail to validate ...`); `issues` locate
 * each problem of an invalid document (path, line, column). Velero fails such a Backup validation;
 * fix the ConfigMap and create a new Backup. Not retryable.
 */
export class InvalidResourcePoliciesError extends PolicyServiceError<typeof PolicyServiceErrorCode.InvalidResourcePolicies> {
  constructor(
    message: string,
    readonly issues: readonly PolicyIssue[] = [],
    options?: { cause?: unknown },
  ) {
    super(PolicyServiceErrorCode.InvalidResourcePolicies, message, { cause: options?.cause, retryable: false });
  }
}

/**
 * The cluster-wide volume-policies ConfigMap is unusable (an operator problem, not the Backup's).
 * Retryable: it can be fixed without touching the Backup.
 */
export class InvalidGlobalPoliciesError extends PolicyServiceError<typeof PolicyServiceErrorCode.InvalidGlobalPolicies> {
  constructor(
    message: string,
    readonly issues: readonly PolicyIssue[] = [],
    options?: { cause?: unknown },
  ) {
    super(PolicyServiceErrorCode.InvalidGlobalPolicies, message, { cause: options?.cause, retryable: true });
  }
}

/** An API call failed; `retryable` comes from the Kubernetes error (unavailable: yes; forbidden: no). */
export class ClusterReadError extends PolicyServiceError<typeof PolicyServiceErrorCode.ClusterReadFailed> {
  constructor(what: string, retryable: boolean, options: { cause: unknown }) {
    const reason = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(PolicyServiceErrorCode.ClusterReadFailed, `cannot ${what}: ${reason}`, { cause: options.cause, retryable });
  }
}

/** A policy-service variable is invalid; the message names it and what it must hold. */
export class InvalidPolicyServiceConfigError extends PolicyServiceError<typeof PolicyServiceErrorCode.InvalidConfig> {
  constructor(message: string, options?: { cause?: unknown }) {
    super(PolicyServiceErrorCode.InvalidConfig, message, { cause: options?.cause, retryable: false });
  }
}
