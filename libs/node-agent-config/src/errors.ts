// Issues and errors of the node-agent-config lib. Parsing and resolving never throw for bad
// input: they return issues. Only `parseNodeAgentConfigOrThrow` throws, with the class below.
// Nothing here is retryable: the same ConfigMap gives the same answer until someone edits it.
import { FerryError } from '@ferry/errors';

/** Stable codes of problems found in a node-agent ConfigMap; switch on these, not on messages. */
export const ConfigIssueCode = {
  /** The ConfigMap has no data key, or more than one. */
  DataKeyCount: 'DATA_KEY_COUNT',
  /** The data value is not valid JSON. */
  JsonSyntax: 'JSON_SYNTAX',
  /** The JSON is valid but not an object. */
  NotAnObject: 'NOT_AN_OBJECT',
  /** A key the schema does not know (Velero silently ignores it; usually a typo). */
  UnknownKey: 'UNKNOWN_KEY',
  /** A value of the wrong JSON type (Velero's decoding fails on it). */
  WrongType: 'WRONG_TYPE',
  /** A `backupPVC.<sc>.annotations` value that is not a string. */
  AnnotationNotString: 'ANNOTATION_NOT_STRING',
  /** A `podResources` field that is not a Kubernetes quantity. */
  BadQuantity: 'BAD_QUANTITY',
  /** Empty `podResources` cpu/memory field: Velero ignores the whole block. */
  EmptyQuantity: 'EMPTY_QUANTITY',
  /** A `podResources` request larger than its limit. */
  RequestAboveLimit: 'REQUEST_ABOVE_LIMIT',
  /** `backupPVC.<sc>.spcNoRelabeling` without `readOnly`. */
  SpcNoRelabelingWithoutReadOnly: 'SPC_NO_RELABELING_WITHOUT_READ_ONLY',
  /** A `loadConcurrency` number ≤ 0 (global: treated as 1; per-node rule: skipped). */
  NonPositiveConcurrency: 'NON_POSITIVE_CONCURRENCY',
  /** A label selector that does not compile (bad operator or values); the rule is skipped. */
  BadSelector: 'BAD_SELECTOR',
} as const;
/** One of {@link ConfigIssueCode}. */
export type ConfigIssueCode = (typeof ConfigIssueCode)[keyof typeof ConfigIssueCode];

/** `error`: the configuration is rejected. `warning`: accepted, but part of it is ignored. */
export type ConfigIssueSeverity = 'error' | 'warning';

/**
 * One problem in a node-agent ConfigMap: `path` is the key path inside the JSON document
 * (`backupPVC.fast.spcNoRelabeling`, `loadConcurrency.perNodeConfig[1].number`; `data` for
 * problems with the ConfigMap's keys), `message` what is wrong, `fix` what to write instead.
 */
export interface ConfigIssue {
  readonly severity: ConfigIssueSeverity;
  readonly code: ConfigIssueCode;
  readonly path: string;
  readonly message: string;
  readonly fix: string;
}

/** Renders an issue as one line: `path: message (fix: ...)`. */
export function formatConfigIssue(issue: ConfigIssue): string {
  return `${issue.path}: ${issue.message} (fix: ${issue.fix})`;
}

/** Stable codes of the errors this lib throws. */
export const NodeAgentConfigErrorCode = {
  /** The node-agent ConfigMap has at least one error-level issue. */
  Invalid: 'NODE_AGENT_CONFIG_INVALID',
} as const;
/** One of {@link NodeAgentConfigErrorCode}. */
export type NodeAgentConfigErrorCode = (typeof NodeAgentConfigErrorCode)[keyof typeof NodeAgentConfigErrorCode];

/** A node-agent ConfigMap was rejected; `issues` lists every problem found. Never retryable. */
export class NodeAgentConfigError extends FerryError<NodeAgentConfigErrorCode> {
  constructor(
    message: string,
    readonly issues: readonly ConfigIssue[],
    options?: { cause?: unknown },
  ) {
    super(NodeAgentConfigErrorCode.Invalid, message, { cause: options?.cause, retryable: false });
  }
}
