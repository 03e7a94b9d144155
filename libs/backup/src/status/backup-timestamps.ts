// A Backup's expiration as Velero writes it (metav1.Time: RFC 3339 in UTC with whole seconds).
import { kubeTimestamp, nanosecondsPerMillisecond } from '@ferry/kube-values';

const nanosecondsPerSecond = 1000n * nanosecondsPerMillisecond;

/**
 * `status.expiration` of a Backup started at `start` with a ttl of `ttlNanoseconds` (see
 * `effectiveDurations(spec).ttl.nanoseconds`): start + ttl, to the second, as metav1.Time
 * writes it. Pure.
 */
export function expirationOf(start: Date, ttlNanoseconds: bigint): string {
  const total = BigInt(start.getTime()) * nanosecondsPerMillisecond + ttlNanoseconds;
  // Floor division: bigint division truncates toward zero, which is wrong for instants before 1970.
  const seconds = total >= 0n ? total / nanosecondsPerSecond : -((-total + nanosecondsPerSecond - 1n) / nanosecondsPerSecond);
  return kubeTimestamp(new Date(Number(seconds) * 1000));
}
