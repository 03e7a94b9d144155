export { ExitCode, type CliIo } from './cli-io';
export { runCli } from './cli-program';
export { validatePolicyFile } from './policy-validate-command';
export { renderTable } from './table-writer';
