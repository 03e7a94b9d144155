// How Velero's CLI prints values, with Go's and apimachinery's formatting: times (`time.Time`'s
// String in UTC), optional booleans (`BoolPointerString`), label selectors
// (`metav1.FormatLabelSelector`) and ages (`duration.ShortHumanDuration`). Pure.
import type { LabelSelector } from '@ferry/api';

/** What Velero prints for an empty list or map. */
export const emptyDisplay = '<none>';

const pad2 = (value: number): string => String(value).padStart(2, '0');

/**
 * Go's `time.Time.String()` of an RFC 3339 timestamp, in UTC: `2026-12-06 22:00:00 +0000 UTC`
 * (fractional seconds only when present, trailing zeros dropped). `undefined` when absent or
 * unparsable, so callers choose Velero's `<n/a>` or `<nil>`.
 */
export function goTime(timestamp: string | undefined | null): string | undefined {
  if (!timestamp) return undefined;
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) return undefined;
  const date = new Date(ms);
  const fraction = /\.(\d+)/.exec(timestamp)?.[1]?.replace(/0+$/, '');
  const day = `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
  const time = `${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}`;
  return `${day} ${time}${fraction ? `.${fraction}` : ''} +0000 UTC`;
}

/** Velero's `BoolPointerString`: the text for false, true or unset. */
export function boolPointerString(value: boolean | undefined | null, falseText: string, trueText: string, unsetText: string): string {
  if (value === undefined || value === null) return unsetText;
  return value ? trueText : falseText;
}

/**
 * `metav1.FormatLabelSelector`: requirements sorted by key — `k=v`, `k in (a,b)`, `k notin (a)`,
 * `k`, `!k` — joined by commas; `<none>` for an absent or empty selector.
 */
export function formatLabelSelector(selector: LabelSelector | undefined | null): string {
  if (!selector) return emptyDisplay;
  const requirements: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) requirements.push({ key, text: `${key}=${value}` });
  for (const expression of selector.matchExpressions ?? []) {
    const values = [...(expression.values ?? [])].sort().join(',');
    const text =
      expression.operator === 'In'
        ? `${expression.key} in (${values})`
        : expression.operator === 'NotIn'
          ? `${expression.key} notin (${values})`
          : expression.operator === 'Exists'
            ? expression.key
            : `!${expression.key}`;
    requirements.push({ key: expression.key, text });
  }
  requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return requirements.map((requirement) => requirement.text).join(',') || emptyDisplay;
}

/** apimachinery's `duration.ShortHumanDuration` of `ms`: `45s`, `3m`, `5h`, `2d`, `1y`. */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** Velero's `humanReadableTimeFromNow`: `n/a`, `<d>` ahead or `<d> ago`. */
export function timeFromNow(timestamp: string | undefined | null, nowMs: number): string {
  const ms = timestamp ? Date.parse(timestamp) : Number.NaN;
  if (Number.isNaN(ms)) return 'n/a';
  return ms >= nowMs ? shortHumanDuration(ms - nowMs) : `${shortHumanDuration(nowMs - ms)} ago`;
}

/** Human bytes for Ferry's additions (`1.5 MiB`); Velero's own lines keep plain byte counts. */
export function humanBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** A duration of `ms` for Ferry's additions: `850ms`, `12.3s`, `4m05s`, `1h02m`. */
export function humanDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const totalSeconds = Math.round(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return `${minutes}m${pad2(totalSeconds % 60)}s`;
  return `${Math.floor(minutes / 60)}h${pad2(minutes % 60)}m`;
}
