// metav1.LabelSelector, matched as the API server matches it. Two entries share one matcher:
// compileLabelSelector validates like apimachinery's LabelSelectorAsSelector (for configuration
// that must be rejected when wrong); labelSelectorMatches applies a selector already accepted by
// the API server (a Backup's), where an operator it does not know simply never matches.
import type { LabelSelector } from '@ferry/api';
import { labelSelectorError } from './label-selector-validation';

/** One selector requirement; `Unknown` (an operator outside the four) never matches. */
interface Requirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Unknown';
  readonly values: readonly string[];
}

/** Labels of an object; null or undefined means none. */
export type ObjectLabels = Readonly<Record<string, string>> | null | undefined;

/** Outcome of {@link compileLabelSelector}: a matcher, or why the selector is invalid. */
export type CompiledSelector =
  | { readonly ok: true; readonly matches: (labels: Readonly<Record<string, string>>) => boolean }
  | { readonly ok: false; readonly reason: string };

const operators = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);
/**
 * Compiles a selector as apimachinery's LabelSelectorAsSelector does (pure; never throws): an
 * invalid one gives apimachinery's message as the reason ({@link labelSelectorError}). An empty or
 * absent selector matches everything.
 */
export function compileLabelSelector(selector: LabelSelector | undefined): CompiledSelector {
  const problem = labelSelectorError(selector);
  if (problem !== undefined) return { ok: false, reason: problem };
  return { ok: true, matches: (labels) => labelSelectorMatches(selector ?? {}, labels) };
}

/**
 * Whether `labels` satisfy `selector`, without validating it: every `matchLabels` pair and every
 * expression (`In`, `NotIn`, `Exists`, `DoesNotExist`; an unknown operator never matches). An
 * empty selector matches everything; missing labels are none. Pure.
 */
export function labelSelectorMatches(selector: LabelSelector, labels: ObjectLabels): boolean {
  const requirements: Requirement[] = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => ({
    key,
    operator: 'In',
    values: [value],
  }));
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    requirements.push({ key, operator: operators.has(operator) ? (operator as Requirement['operator']) : 'Unknown', values });
  }
  const present = labels ?? {};
  return requirements.every((requirement) => requirementMatches(requirement, present));
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
    case 'Unknown':
      return false;
  }
}
