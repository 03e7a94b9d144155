// Velero's confirm.GetConfirmation: asks "Are you sure you want to continue (Y/N)? " until a
// line is one letter y or n (either case); end of input or a read error prints Velero's message on
// stderr and counts as no.
import { createInterface } from 'node:readline';
import type { CliIo } from '../cli-io';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The answer read from `lines`: true for y/Y, false for n/N, end of input or a read failure. */
export async function askConfirmation(io: CliIo, lines: AsyncIterable<string> | Iterable<string>): Promise<boolean> {
  try {
    io.out('Are you sure you want to continue (Y/N)? ');
    for await (const line of lines) {
      const answer = line.trim().toLowerCase();
      if (answer === 'y') return true;
      if (answer === 'n') return false;
      io.out('Are you sure you want to continue (Y/N)? ');
    }
    io.err('error reading user input: EOF\n');
  } catch (error) {
    io.err(`error reading user input: ${messageOf(error)}\n`);
  }
  return false;
}

/**
 * Asks on `io` and reads the answer from `input` (stdin); no input stream is end of input. The
 * line reader is closed before returning, so stdin no longer holds the process open.
 */
export async function confirmOnInput(io: CliIo, input: NodeJS.ReadableStream | undefined): Promise<boolean> {
  if (!input) return askConfirmation(io, []);
  const lines = createInterface({ input, terminal: false, crlfDelay: Infinity });
  try {
    return await askConfirmation(io, lines);
  } finally {
    lines.close();
  }
}
