// Idempotent forms of Kubernetes calls, so a repeated or concurrent step never fails on what an
// earlier attempt already did: read-or-undefined, create-if-absent, delete-if-present and
// wait-until-gone. Every failure is a `KubeError` whose message starts with the given context.
import { sleepUnlessAborted } from './backoff';
import { toKubeError } from './error-mapper';
import { isAlreadyExists, isNotFound, KubeError, KubeErrorCode } from './errors';

/** Runs `call`, mapping whatever it throws to a `KubeError` prefixed with `context`. */
export async function kubeCall<T>(context: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toKubeError(error, context);
  }
}

/** The object `read` returns, or undefined when it is not found. Other failures reject. */
export async function getOrUndefined<T>(context: string, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await kubeCall(context, read);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * Creates an object, or reads the existing one when the name is taken (AlreadyExists = reuse), so
 * a repeated or concurrent call never duplicates. Resolves with whichever object holds the name.
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
export interface WaitUntilGoneOptions {
  readonly timeoutMs: number;
  readonly pollMs: number;
  readonly signal?: AbortSignal;
}

/**
 * Polls `find` until it resolves undefined. Rejects with `KUBE_NOT_GONE` (retryable) after
 * `timeoutMs`, naming the object and what to check, or with `KUBE_STOPPED` when `signal` aborts.
 */
export async function waitUntilGone(context: string, find: () => Promise<unknown>, options: WaitUntilGoneOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const signal = options.signal ?? new AbortController().signal;
  for (;;) {
    if ((await find()) === undefined) return;
    if (signal.aborted) {
      throw new KubeError(KubeErrorCode.Stopped, `aborted while waiting for ${context} to be deleted`, {
        cause: signal.reason,
        retryable: true,
      });
    }
    if (Date.now() >= deadline) {
      throw new KubeError(
        KubeErrorCode.NotGone,
        `${context} still exists ${Math.round(options.timeoutMs / 1000)}s after its deletion: check its finalizers and the controller that removes them, then retry`,
      );
    }
    await sleepUnlessAborted(options.pollMs, signal);
  }
}
