// Waiting for the environment to reach a state, for tests and tools: poll, don't sleep.

const pollIntervalMs = 100;

/**
 * Polls `check` until it returns a value other than `undefined` or `false` without throwing, and
 * resolves with that value. At the deadline it rejects with an error naming `what` and the last
 * failure. Call as `eventually(what, check, timeoutMs?)` or, when the check says it all,
 * `eventually(check, timeoutMs?)`. Default timeout 60 s.
 */
export function eventually<T>(what: string, check: () => T | Promise<T>, timeoutMs?: number): Promise<Exclude<T, false | undefined>>;
export function eventually<T>(check: () => T | Promise<T>, timeoutMs?: number): Promise<Exclude<T, false | undefined>>;
export async function eventually<T>(
  first: string | (() => T | Promise<T>),
  second?: (() => T | Promise<T>) | number,
  third?: number,
): Promise<Exclude<T, false | undefined>> {
  const [what, check, timeoutMs] =
    typeof first === 'string' ? [first, second as () => T | Promise<T>, third] : ['a condition', first, second as number | undefined];
  const limit = timeoutMs ?? 60_000;
  const deadline = Date.now() + limit;
  let failure: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as Exclude<T, false | undefined>;
      failure = undefined;
    } catch (error) {
      failure = error;
    }
    if (Date.now() > deadline) {
      const reason = failure === undefined ? '' : `: ${failure instanceof Error ? failure.message : String(failure)}`;
      throw new Error(`timed out after ${limit} ms waiting for ${what}${reason}`, { cause: failure });
    }
    await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
  }
}

/** Retries `assertion` (e.g. jest `expect`s) until it passes; rejects with its last failure after `timeoutMs` (default 60 s). */
export async function eventuallyPasses(assertion: () => void | Promise<void>, timeoutMs?: number): Promise<void> {
  await eventually(
    'the assertion to pass',
    async () => {
      await assertion();
      return true;
    },
    timeoutMs,
  );
}
