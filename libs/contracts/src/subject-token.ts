import { InvalidNameError, InvalidSubjectTokenError } from './errors';

/** Why `value` cannot be one NATS subject token, or `undefined` when it can. Pure. */
export function subjectTokenProblem(value: string): string | undefined {
  if (value.length === 0) return 'it is empty';
  if (value.includes('.')) return 'it contains "." (the NATS subject token separator)';
  if (value.includes('*') || value.includes('>')) return 'it contains a NATS wildcard ("*" or ">")';
  if (/[\s\p{Cc}]/u.test(value)) return 'it contains whitespace or a control character';
  return undefined;
}

/** True when `value` can be used as exactly one NATS subject token. Pure. */
export function isSubjectToken(value: string): boolean {
  return subjectTokenProblem(value) === undefined;
}

/**
 * Returns `value` when it is a valid subject token; throws {@link InvalidSubjectTokenError} naming
 * `what` (e.g. `parameter "lane" of ferry.job.smoke.v1.{lane}`) and the reason otherwise.
 */
export function assertSubjectToken(value: string, what: string): string {
  const problem = subjectTokenProblem(value);
  if (problem !== undefined) {
    throw new InvalidSubjectTokenError(`${what}: ${JSON.stringify(value)} cannot be a NATS subject token because ${problem}`, value);
  }
  return value;
}

/**
 * How a parameter value becomes one subject token and back. `encode` throws
 * {@link InvalidSubjectTokenError} for values it cannot represent; `decode(encode(v)) === v`.
 */
export interface TokenCodec {
  /** What the parameter holds, for error messages (e.g. "a Kubernetes node name"). */
  readonly description: string;
  encode(value: string, what: string): string;
  decode(token: string): string;
}

/** The default codec: the value must already be a valid token; no escaping. */
export const plainToken: TokenCodec = {
  description: 'a NATS subject token',
  encode: (value, what) => assertSubjectToken(value, what),
  decode: (token) => token,
};

const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Kubernetes node names as subject tokens. Node names are DNS-1123 subdomains and often contain
 * dots (`ip-10-0-1-2.ec2.internal`), which would split the token; since `_` never occurs in a
 * node name, `.` is escaped as `_` and the mapping stays reversible. Anything that is not a
 * DNS-1123 subdomain (`*`, `>`, whitespace, upper case, empty, > 253 chars) is rejected.
 */
export const nodeNameToken: TokenCodec = {
  description: 'a Kubernetes node name',
  encode(value, what) {
    if (value.length > 253 || !dnsSubdomain.test(value)) {
      const hint = subjectTokenProblem(value.replaceAll('.', '_'));
      throw new InvalidSubjectTokenError(
        `${what}: ${JSON.stringify(value)} is not a Kubernetes node name (a DNS-1123 subdomain: ` +
          `lower-case letters, digits, "-" and ".", at most 253 characters)${hint ? `; ${hint}` : ''}`,
        value,
      );
    }
    return value.replaceAll('.', '_');
  },
  decode: (token) => token.replaceAll('_', '.'),
};

const namePattern = /^[A-Za-z0-9_-]+$/;

/**
 * Returns `name` when NATS accepts it as a stream or consumer name and it stays portable as a
 * file name on the server (letters, digits, `_`, `-`; at most 255 characters); throws
 * {@link InvalidNameError} otherwise.
 */
export function assertResourceName(name: string, what: string): string {
  if (name.length === 0 || name.length > 255 || !namePattern.test(name)) {
    throw new InvalidNameError(
      `${what}: ${JSON.stringify(name)} is not a valid NATS stream/consumer name ` + '(use 1-255 letters, digits, "_" or "-")',
    );
  }
  return name;
}
