// The exposer's abort error. The idempotent Kubernetes calls (read-or-undefined, create-if-absent,
// delete-if-present, wait-until-gone) are `@ferry/kube`'s; what this adds is that an exposure
// interrupted by its caller rejects with `EXPOSER_ABORTED`, saying what it was waiting for.
import { ExposerServiceError, ExposerServiceErrorCode } from './errors';

/** Rejects with `EXPOSER_ABORTED` (retryable) when `signal` is aborted, saying what was interrupted. */
export function throwIfAborted(signal: AbortSignal | undefined, doing: string): void {
  if (signal?.aborted) {
    throw new ExposerServiceError(ExposerServiceErrorCode.Aborted, `aborted while ${doing}`, { cause: signal.reason, retryable: true });
  }
}
