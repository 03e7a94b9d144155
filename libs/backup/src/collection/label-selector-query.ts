// A label selector as the `labelSelector` query of a LIST (apimachinery's selector String():
// requirements sorted by key, values sorted; `k=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`).
import type { LabelSelectorSpec } from '@ferry/kube-values';

function requirement(key: string, operator: string, values: readonly string[]): string {
  const list = [...values].sort().join(',');
  switch (operator) {
    case 'In':
      return values.length === 1 ? `${key}=${values[0]}` : `${key} in (${list})`;
    case 'NotIn':
      return values.length === 1 ? `${key}!=${values[0]}` : `${key} notin (${list})`;
    case 'Exists':
      return key;
    default:
      return `!${key}`;
  }
}

/**
 * The selector's query text; `""` (everything) for an absent or empty selector. The selector is
 * one the API server accepted (a Backup's) or the policy validator passed. Pure.
 */
export function labelSelectorQuery(selector: LabelSelectorSpec | null | undefined): string {
  if (!selector) return '';
  const parts: [string, string][] = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => [key, `${key}=${value}`]);
  for (const expression of selector.matchExpressions ?? []) {
    parts.push([expression.key, requirement(expression.key, expression.operator, expression.values ?? [])]);
  }
  return parts
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, text]) => text)
    .join(',');
}
