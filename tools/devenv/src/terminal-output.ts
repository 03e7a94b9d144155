/**
 * What command-line tools (`devenv`, the benchmarks) print for a person: results on stdout,
 * progress and failures on stderr. Services and libraries log through `@ferry/logger` instead.
 */
export const terminal = {
  /** A result line (figures, addresses) on stdout. */
  print(line: string): void {
    process.stdout.write(`${line}\n`);
  },
  /** A progress or diagnostic line on stderr, so stdout stays the result. */
  note(line: string): void {
    process.stderr.write(`${line}\n`);
  },
  /** Reports why a command failed (the message, not a stack) and exits with code 1. */
  fail(error: unknown): never {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
} as const;
