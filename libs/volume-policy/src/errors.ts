// Errors and stable codes of the volume-policy lib. Parsing and deciding never throw for bad
// input: they return issues and error outcomes carrying these codes. Only the `...OrThrow`
// conveniences throw, with the classes below. Nothing here is retryable: the same document or
// the same cluster objects give the same answer until someone changes them.
import { FerryError } from '@ferry/errors';

/** Stable codes of problems found in a resource-policies document; switch on these, not on messages. */
export const PolicyIssueCode = {
  /** The text is not valid YAML (syntax, duplicate key, bad indentation...). */
  YamlSyntax: 'YAML_SYNTAX',
  /** The document has no content. */
  EmptyDocument: 'EMPTY_DOCUMENT',
  /** A key that Velero's strict decoding rejects. */
  UnknownField: 'UNKNOWN_FIELD',
  /** A value of the wrong YAML type (a list where a string goes...). */
  WrongType: 'WRONG_TYPE',
  /** `version` is not `v1`. */
  UnsupportedVersion: 'UNSUPPORTED_VERSION',
  /** `capacity` is not two comma-separated Kubernetes quantities. */
  CapacityFormat: 'CAPACITY_FORMAT',
  /** `capacity` bounds are parseable but not a valid range. */
  CapacityValues: 'CAPACITY_VALUES',
  /** `action.type` is not skip, snapshot, fs-backup or custom. */
  InvalidActionType: 'INVALID_ACTION_TYPE',
  /** An action parameter Velero validates (`dataMover`, `snapshotClass`) is invalid or misplaced. */
  InvalidActionParameter: 'INVALID_ACTION_PARAMETER',
  /** `csi.volumeAttributes` without `csi.driver`. */
  CsiDriverRequired: 'CSI_DRIVER_REQUIRED',
  /** A pvc* condition of the wrong type (`pvcLabels` not a map, `pvcAccessModes` not a list...). */
  InvalidPvcCondition: 'INVALID_PVC_CONDITION',
  /** `includeExcludePolicy` uses `*` or lists an item in both an include and an exclude list. */
  InvalidIncludeExclude: 'INVALID_INCLUDE_EXCLUDE',
  /**
   * `clusterScopedFilterPolicy` or `namespacedFilterPolicies` breaks one of Velero's rules: empty
   * lists, catch-all filters, a kind in two filters, a duplicate namespace pattern, a bad glob or
   * namespace pattern, an invalid label selector, labelSelector with orLabelSelectors.
   */
  InvalidFilterPolicy: 'INVALID_FILTER_POLICY',
  /** The text is larger than a ConfigMap can hold ({@link maxPolicyDocumentBytes}); not parsed. */
  DocumentTooLarge: 'DOCUMENT_TOO_LARGE',
  /** The YAML expands its aliases more than a real document would (an alias bomb); not decoded. */
  ExcessiveAliasing: 'EXCESSIVE_ALIASING',
} as const;
/** One of {@link PolicyIssueCode}. */
export type PolicyIssueCode = (typeof PolicyIssueCode)[keyof typeof PolicyIssueCode];

/**
 * One problem in a resource-policies document: where (`path` like
 * `volumePolicies[2].conditions.capacity`, 1-based `line` and `column` of the offending node, or
 * of its nearest present ancestor when the node is missing) and what is wrong and allowed.
 */
export interface PolicyIssue {
  readonly code: PolicyIssueCode;
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Largest document read: a ConfigMap's data limit (1 MiB). */
export const maxPolicyDocumentBytes = 1024 * 1024;

/** Most expansions of one anchor's aliases (yaml's `maxAliasCount`) before a document is refused. */
export const maxPolicyAliasCount = 100;

/**
 * Whether the issue is a refusal to read the document at all (too large, alias bomb) rather than a
 * finding about its content: an API answers these as the caller's error, not as a validation result.
 */
export function isDocumentRefusal(issue: Pick<PolicyIssue, 'code'>): boolean {
  return issue.code === PolicyIssueCode.DocumentTooLarge || issue.code === PolicyIssueCode.ExcessiveAliasing;
}

/** Renders an issue as one line: `path (line L, column C): message`. */
export function formatPolicyIssue(issue: PolicyIssue): string {
  return `${issue.path} (line ${issue.line}, column ${issue.column}): ${issue.message}`;
}

/** Stable codes of the errors this lib throws or returns as decision outcomes. */
export const VolumePolicyErrorCode = {
  /** A resource-policies document (or its ConfigMap) is invalid. */
  InvalidPolicies: 'VOLUME_POLICY_INVALID_POLICIES',
  /** A PVC has no bound PV (no `spec.volumeName`, not `Bound`, or the PV is missing). */
  PvcNotBound: 'VOLUME_POLICY_PVC_NOT_BOUND',
  /** A pod volume names a PVC that was not found. */
  PvcNotFound: 'VOLUME_POLICY_PVC_NOT_FOUND',
} as const;
/** One of {@link VolumePolicyErrorCode}. */
export type VolumePolicyErrorCode = (typeof VolumePolicyErrorCode)[keyof typeof VolumePolicyErrorCode];

/** Base of the errors this lib throws: stable `code`, optional `cause`, never retryable. */
export abstract class VolumePolicyError<Code extends VolumePolicyErrorCode = VolumePolicyErrorCode> extends FerryError<Code> {
  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    // Retrying with the same input fails the same way.
    super(code, message, { cause: options?.cause, retryable: false });
  }
}

/**
 * A resource-policies document or its ConfigMap is invalid. `issues` locate every problem;
 * `source` (e.g. `ConfigMap velero/policies`) names where the document came from. The backup that
 * references it fails validation, as in Velero; fix the document and create a new backup.
 */
export class InvalidResourcePoliciesError extends VolumePolicyError<typeof VolumePolicyErrorCode.InvalidPolicies> {
  constructor(
    readonly source: string | undefined,
    readonly issues: readonly PolicyIssue[],
    options?: { cause?: unknown },
  ) {
    super(
      VolumePolicyErrorCode.InvalidPolicies,
      `resource policies${source ? ` from ${source}` : ''} are invalid: ${issues.map(formatPolicyIssue).join('; ')}. ` +
        'Correct the document.',
      options,
    );
  }
}

// Problems Velero finds while decoding a policy document; the others surface in its `Validate()`.
const decodingIssueCodes: ReadonlySet<string> = new Set([
  PolicyIssueCode.YamlSyntax,
  PolicyIssueCode.EmptyDocument,
  PolicyIssueCode.UnknownField,
  PolicyIssueCode.WrongType,
  PolicyIssueCode.CapacityFormat,
  PolicyIssueCode.InvalidPvcCondition,
  PolicyIssueCode.DocumentTooLarge,
  PolicyIssueCode.ExcessiveAliasing,
]);

/**
 * Whether `issue` is one Velero finds while decoding the document (its `fail to read …` errors)
 * rather than in `Validate()` (`fail to validate …`). Pure.
 */
export function isDecodingIssue(issue: Pick<PolicyIssue, 'code'>): boolean {
  return decodingIssueCodes.has(issue.code);
}
