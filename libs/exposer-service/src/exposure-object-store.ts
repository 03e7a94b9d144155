// Small idempotent primitives over API calls, shared by the exposers: read-or-undefined,
// create-if-absent, delete-if-present and wait-until-gone, all mapping client-node failures to
// `KubeError`s that name the object.
import { isAlreadyExists, isNotFound, sleepUnlessAborted, toKubeError } from '@ferry/kube';
import { ExposerServiceError, ExposerServiceErrorCode } from './errors';

/** Runs `call`, mapping whatever it throws to a `KubeError` prefixed with `context`. */
export async function kubeCall<T>(context: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toKubeError(error, context);
  }
}

/** The object `read` returns, or `undefined` when it is not found. Other failures reject. */
export async function findObject<T>(context: string, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await kubeCall(context, read);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * Creates an object, or reads the existing one when the name is taken (AlreadyExists = reuse, so a
 * repeated or concurrent call never duplicates). Resolves with whichever object now holds the name.
 */
export async function createIfAbsent<T>(context: string, create: () => Promise<T>, read: () => Promise<T>): Promise<T> {
  try {
    return await kubeCall(`create ${context}`, create);
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
    return kubeCall(`get ${context}`, read);
  }
}

/** Deletes an object; resolves with false when it was already gone. Other failures reject. */
export async function deleteIfPresent(context: string, remove: () => Promise<unknown>): Promise<boolean> {
  try {
    await kubeCall(`delete ${context}`, remove);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/** Options of {@link waitUntilGone}. */
export interface WaitOptions {
  readonly timeoutMs: number;
  readonly pollMs: number;
  readonly signal?: AbortSignal;
}

/**
 * Polls `find` until it returns undefined. Rejects with `EXPOSER_OBJECT_NOT_GONE` (retryable) after
 * `timeoutMs`, or `EXPOSER_ABORTED` when `signal` aborts first.
 */
export async function waitUntilGone(context: string, find: () => Promise<unknown>, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const signal = options.signal ?? new AbortController().signal;
  for (;;) {
    if ((await find()) === undefined) return;
    throwIfAborted(signal, `waiting for ${context} to be deleted`);
    if (Date.now() >= deadline) {
      throw new ExposerServiceError(
        ExposerServiceErrorCode.ObjectNotGone,
        `${context} still exists ${Math.round(options.timeoutMs / 1000)}s after its deletion: check its finalizers and the controller that removes them, then retry`,
        { retryable: true },
      );
    }
    await sleepUnlessAborted(options.pollMs, signal);
  }
}

/** Rejects with `EXPOSER_ABORTED` (retryable) when `signal` is aborted, saying what was interrupted. */
export function throwIfAborted(signal: AbortSignal | undefined, doing: string): void {
  if (signal?.aborted) {
    throw new ExposerServiceError(ExposerServiceErrorCode.Aborted, `aborted while ${doing}`, { cause: signal.reason, retryable: true });
  }
}
