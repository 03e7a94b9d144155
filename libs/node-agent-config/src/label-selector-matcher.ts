// metav1.LabelSelector compiled and matched as apimachinery's LabelSelectorAsSelector does:
// an empty selector matches everything; In/NotIn need values, Exists/DoesNotExist must have none.
import type { LabelSelector } from '@ferry/api';

/** One compiled selector requirement. */
interface Requirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values: readonly string[];
}

/** Outcome of {@link compileLabelSelector}: a matcher, or why the selector is invalid. */
export type CompiledSelector =
  | { readonly ok: true; readonly matches: (labels: Readonly<Record<string, string>>) => boolean }
  | { readonly ok: false; readonly reason: string };

const operators = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);
const qualifiedName = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

/** Compiles a selector (pure; never throws). The first invalid part is the reason. */
export function compileLabelSelector(selector: LabelSelector | undefined): CompiledSelector {
  const requirements: Requirement[] = [];
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) {
    if (!qualifiedName.test(key)) return { ok: false, reason: `matchLabels key '${key}' is not a valid label key` };
    if (!labelValue.test(value)) return { ok: false, reason: `matchLabels value '${value}' of '${key}' is not a valid label value` };
    requirements.push({ key, operator: 'In', values: [value] });
  }
  for (const [index, expression] of (selector?.matchExpressions ?? []).entries()) {
    const where = `matchExpressions[${index}]`;
    if (!qualifiedName.test(expression.key)) return { ok: false, reason: `${where}.key '${expression.key}' is not a valid label key` };
    if (!operators.has(expression.operator))
      return { ok: false, reason: `${where}.operator '${expression.operator}' is not In, NotIn, Exists or DoesNotExist` };
    const values = expression.values ?? [];
    const operator = expression.operator as Requirement['operator'];
    if ((operator === 'In' || operator === 'NotIn') && values.length === 0)
      return { ok: false, reason: `${where}: operator ${operator} needs at least one value` };
    if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0)
      return { ok: false, reason: `${where}: operator ${operator} takes no values` };
    requirements.push({ key: expression.key, operator, values });
  }
  return { ok: true, matches: (labels) => requirements.every((requirement) => requirementMatches(requirement, labels)) };
}

function requirementMatches(requirement: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  const value = labels[requirement.key];
  switch (requirement.operator) {
    case 'In':
      return has && value !== undefined && requirement.values.includes(value);
    case 'NotIn':
      return !has || value === undefined || !requirement.values.includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}
