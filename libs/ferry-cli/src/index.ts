export { ExitCode, type CliIo } from './cli-io';
export { runCli, type CliDependencies } from './cli-program';
export { explainBackup, ExplainOutput, type BackupPlan, type BackupPlanner } from './policy-explain-command';
export { validatePolicyFile } from './policy-validate-command';
export { renderTable } from './table-writer';
export { veleroResources, type VeleroResources } from './velero/velero-resources';
export { type CommandContext } from './commands/command-context';
