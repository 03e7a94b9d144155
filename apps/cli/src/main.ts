// ferry: the command line. Wiring only: process arguments and streams in, exit code out.
import { runCli } from '@ferry/ferry-cli';

runCli(process.argv.slice(2), { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) }).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`ferry: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
