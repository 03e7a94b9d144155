/** Where a command writes; the app passes the process streams, tests collect strings. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** Exit codes of `ferry` commands; `--wait` ends with 0 Completed, 1 Failed/FailedValidation, 2 PartiallyFailed. */
export const ExitCode = { Ok: 0, Failure: 1, Usage: 2, PartiallyFailed: 2 } as const;
/** One of {@link ExitCode}. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
