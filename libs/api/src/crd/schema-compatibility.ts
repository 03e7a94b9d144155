// Decides whether a CRD schema ("ours") accepts every object another one ("upstream") accepts and
// stores it the same way. Used by the compatibility test against Velero's, OADP's and the CSI
// snapshotter's published CRDs, and usable at run time against the CRDs installed in a cluster.

/** One way `ours` would reject or store differently an object `upstream` accepts. */
export interface Incompatibility {
  /** `.`-separated path; `[]` = array items, `{}` = map values; `(root)` for the top. */
  readonly path: string;
  readonly problem: string;
}

type Schema = Record<string, unknown>;

const mustBeEqual = ['format', 'default', 'x-kubernetes-map-type', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys'] as const;
const lowerBounds = ['minLength', 'minItems', 'minimum', 'minProperties'] as const;
const upperBounds = ['maxLength', 'maxItems', 'maximum', 'maxProperties'] as const;

/**
 * Walks `upstream` (an `openAPIV3Schema`) against `ours` and lists every incompatibility: a
 * property path of upstream missing in ours; a different type; an enum that is not a superset; a
 * required list that is not a subset; nullable, `x-kubernetes-preserve-unknown-fields` or
 * `x-kubernetes-int-or-string` dropped; a map (`additionalProperties`) turned into something else;
 * a different format (date-time, int64, byte...), default, map type or list type; tighter bounds,
 * a new pattern, or CEL rules upstream does not have. Empty means compatible. Pure.
 */
export function findIncompatibilities(upstream: Schema, ours: Schema, path = ''): Incompatibility[] {
  const out: Incompatibility[] = [];
  compareNode(upstream, ours, path, out);
  return out;
}

function compareNode(up: Schema, our: Schema, path: string, out: Incompatibility[]): void {
  const at = path || '(root)';
  const fail = (problem: string): void => void out.push({ path: at, problem });
  const ourPreserves = our['x-kubernetes-preserve-unknown-fields'] === true;

  if (up['x-kubernetes-preserve-unknown-fields'] === true && !ourPreserves) fail('x-kubernetes-preserve-unknown-fields dropped');
  if (up['x-kubernetes-int-or-string'] === true && our['x-kubernetes-int-or-string'] !== true) fail('x-kubernetes-int-or-string dropped');
  compareType(up, our, fail);
  if (up['nullable'] === true && our['nullable'] !== true) fail('nullable dropped');
  for (const key of mustBeEqual) {
    if (JSON.stringify(up[key]) !== JSON.stringify(our[key])) {
      fail(`${key} differs: upstream ${JSON.stringify(up[key])}, ours ${JSON.stringify(our[key])}`);
    }
  }
  compareEnum(up, our, fail);
  compareBounds(up, our, fail);
  compareRequired(up, our, fail);
  compareRules(up, our, fail);

  const upProps = up['properties'] as Record<string, Schema> | undefined;
  const ourProps = our['properties'] as Record<string, Schema> | undefined;
  for (const [key, child] of Object.entries(upProps ?? {})) {
    const childPath = path ? `${path}.${key}` : key;
    const ourChild = ourProps?.[key];
    if (ourChild !== undefined) compareNode(child, ourChild, childPath, out);
    else if (!ourPreserves) out.push({ path: childPath, problem: 'property missing' });
  }
  const upAdditional = up['additionalProperties'];
  if (upAdditional !== undefined && typeof upAdditional === 'object' && upAdditional !== null) {
    const ourAdditional = our['additionalProperties'];
    if (typeof ourAdditional === 'object' && ourAdditional !== null) {
      compareNode(upAdditional as Schema, ourAdditional as Schema, `${path}{}`, out);
    } else if (!ourPreserves) fail('additionalProperties (map values) missing');
  }
  if (up['items'] !== undefined) {
    if (our['items'] === undefined) fail('items missing');
    else compareNode(up['items'] as Schema, our['items'] as Schema, `${path}[]`, out);
  }
}

function compareType(up: Schema, our: Schema, fail: (p: string) => void): void {
  if (up['x-kubernetes-int-or-string'] === true || up['type'] === undefined) return;
  if (our['type'] === up['type']) return;
  const ourIntOrString = our['x-kubernetes-int-or-string'] === true && our['type'] === undefined;
  if (ourIntOrString && (up['type'] === 'integer' || up['type'] === 'string')) return;
  if (our['type'] === undefined && our['x-kubernetes-preserve-unknown-fields'] === true) return;
  fail(`type differs: upstream ${String(up['type'])}, ours ${String(our['type'])}`);
}

function compareEnum(up: Schema, our: Schema, fail: (p: string) => void): void {
  const ourEnum = our['enum'] as unknown[] | undefined;
  if (ourEnum === undefined) return;
  const upEnum = up['enum'] as unknown[] | undefined;
  if (upEnum === undefined) return fail('ours restricts to an enum upstream does not have');
  const missing = upEnum.filter((v) => !ourEnum.includes(v));
  if (missing.length > 0) fail(`enum lacks ${JSON.stringify(missing)}`);
}

function compareBounds(up: Schema, our: Schema, fail: (p: string) => void): void {
  for (const key of lowerBounds) {
    const ours = our[key] as number | undefined;
    const ups = up[key] as number | undefined;
    if (ours !== undefined && (ups === undefined || ours > ups)) fail(`${key} tighter: upstream ${String(ups)}, ours ${ours}`);
  }
  for (const key of upperBounds) {
    const ours = our[key] as number | undefined;
    const ups = up[key] as number | undefined;
    if (ours !== undefined && (ups === undefined || ours < ups)) fail(`${key} tighter: upstream ${String(ups)}, ours ${ours}`);
  }
  if (our['pattern'] !== undefined && our['pattern'] !== up['pattern']) {
    fail(`pattern differs: upstream ${JSON.stringify(up['pattern'])}, ours ${JSON.stringify(our['pattern'])}`);
  }
}

function compareRequired(up: Schema, our: Schema, fail: (p: string) => void): void {
  const upRequired = new Set((up['required'] as string[] | undefined) ?? []);
  const extra = ((our['required'] as string[] | undefined) ?? []).filter((name) => !upRequired.has(name));
  if (extra.length > 0) fail(`ours also requires ${JSON.stringify(extra)}`);
}

function compareRules(up: Schema, our: Schema, fail: (p: string) => void): void {
  const upRules = ((up['x-kubernetes-validations'] as unknown[] | undefined) ?? []).map((r) => JSON.stringify(r));
  for (const rule of (our['x-kubernetes-validations'] as unknown[] | undefined) ?? []) {
    if (!upRules.includes(JSON.stringify(rule))) fail(`CEL rule upstream does not have: ${JSON.stringify(rule)}`);
  }
}
