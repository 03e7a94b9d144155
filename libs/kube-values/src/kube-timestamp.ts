// Timestamps as Kubernetes serializes metav1.Time (and logrus writes its default time): RFC 3339 in
// UTC with whole seconds (`2026-12-06T07:00:00Z`), the fraction truncated.

/** The last second formatted: log lines stamp thousands of entries within one second. */
let last = { seconds: Number.NaN, text: '' };

/** `at` as metav1.Time writes it: `2026-12-06T07:00:00Z` (sub-seconds dropped, not rounded). Pure (memoised). */
export function kubeTimestamp(at: Date | number): string {
  const seconds = Math.floor((typeof at === 'number' ? at : at.getTime()) / 1000);
  if (seconds !== last.seconds) last = { seconds, text: `${new Date(seconds * 1000).toISOString().slice(0, 19)}Z` };
  return last.text;
}
