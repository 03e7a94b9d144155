import { explainBackup, ExplainOutput, type BackupPlan } from '@ferry/ferry-cli';
import { createKubeClient } from '@ferry/kube';
import { traceIdOf } from '@ferry/telemetry';
import { runDemoBackup } from './demo-backup';
import { runDemoDataPath } from './demo-data-path';
import { seedDemoWorkload } from './demo-workload';
import { startEnvironment, type Environment } from './environment';
import { stopAllRuns } from './run-registry';
import { terminal } from './terminal-output';

const usage = `usage: devenv up | start | down
  up     the environment only
  start  the environment, Ferry's services, a demo workload: its backup plan, a volume backed up and restored,
         and a Velero Backup of the whole application
  down   clean up environments a crashed run left behind`;

/** Asks the policy service's HTTP API to plan a Backup. */
async function planOverHttp(policyUrl: string, backup: { namespace: string; name: string }): Promise<BackupPlan> {
  const response = await fetch(`${policyUrl}/v1/backups/plan`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(backup),
  });
  const body = (await response.json()) as BackupPlan | { error: string };
  if (!response.ok) throw new Error(`policy service answered ${response.status}: ${'error' in body ? body.error : ''}`);
  return body as BackupPlan;
}

async function up(): Promise<void> {
  await serve(await startEnvironment({ onProgress: (line) => terminal.note(`[devenv] ${line}`) }), Date.now());
}

async function start(): Promise<void> {
  const begin = Date.now();
  const environment = await startEnvironment({
    services: ['policy', 'exposer', 'mover', 'controller'],
    onProgress: (line) => terminal.note(`[devenv] ${line}`),
  });
  const { info } = environment;
  const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
  const demo = await seedDemoWorkload(kube, info.ferryNamespace);
  const policy = info.services.find((service) => service.name === 'policy');
  if (policy) {
    terminal.print(
      `\nDemo: namespace ${demo.namespace}, Backup ${demo.backup.namespace}/${demo.backup.name}; its plan from the policy service (${policy.url}/v1/backups/plan):\n`,
    );
    await explainBackup(demo.backup, (backup) => planOverHttp(policy.url, backup), ExplainOutput.Table, {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
    });
  }
  terminal.print(
    '\nData path: snapshot demo-shop/orders-db, DataUpload → repository in MinIO, DataDownload → demo-shop-restored/orders-db',
  );
  const demoRun = await runDemoDataPath(kube, info, (line) => terminal.print(line));
  const upload = demoRun.dataUpload.status;
  terminal.print(
    `  backup: snapshot ${upload?.snapshotID ?? ''} of ${((upload?.progress?.totalBytes ?? 0) / 1024 / 1024).toFixed(1)} MiB on ${upload?.node ?? ''}, ${upload?.path ?? ''}`,
  );
  terminal.print(
    `  restore: ${demoRun.identicalFiles} of ${demoRun.files} entries identical (sha256)${demoRun.identicalFiles === demoRun.files ? '' : ' — MISMATCH'}`,
  );
  terminal.print(`\nVelero Backup ${info.ferryNamespace}/demo-shop-backup of namespace demo-shop, reconciled by ferry-controller:`);
  const demoBackup = await runDemoBackup(kube, info, (line) => terminal.print(line));
  const status = demoBackup.backup.status;
  terminal.print(
    `  ${status?.phase ?? ''}: ${status?.progress?.itemsBackedUp ?? 0} items, ${status?.errors ?? 0} errors, ${status?.warnings ?? 0} warnings${status?.failureReason ? `, ${status.failureReason}` : ''}${(status?.validationErrors ?? []).map((error) => `\n  validation: ${error}`).join('')}`,
  );
  const traceId = traceIdOf(demoBackup.backup.metadata.annotations);
  if (traceId) terminal.print(`  trace: ${info.jaeger.queryUrl}/trace/${traceId}`);
  terminal.print(`  bucket keys:\n${demoBackup.keys.map((key) => `    ${key}`).join('\n')}`);
  terminal.print(
    `  volume info:\n${demoBackup.volumeInfos
      .map(
        (entry) =>
          `    ${String(entry['pvcNamespace'])}/${String(entry['pvcName'])}: ${entry['skipped'] ? `skipped (${String(entry['skippedReason'])})` : `${String(entry['backupMethod'])}${entry['snapshotDataMoved'] ? ', data moved' : ''}, ${String(entry['result'])}`}`,
      )
      .join('\n')}`,
  );
  await serve(environment, begin);
}

/** What to try on each service's HTTP API. */
const serviceEndpoints: Readonly<Record<string, string>> = { exposer: '/v1/exposures', mover: '/v1/jobs', controller: '/v1/operations' };

/** Prints how to reach each part, then keeps the environment up until Ctrl-C or SIGTERM. */
async function serve(environment: Environment, begin: number): Promise<void> {
  const { info } = environment;
  terminal.print(`Ferry development environment ready in ${((Date.now() - begin) / 1000).toFixed(1)} s
  kubeconfig     ${info.kubeconfigPath}        (export KUBECONFIG=${info.kubeconfigPath}; kubectl get crds)
  API server     ${info.kubeApiServerUrl}
  NATS           ${info.natsUrl}
  S3 (MinIO)     ${info.s3.endpoint}  bucket ${info.s3.bucket}  region ${info.s3.region}
  S3 keys        in ${info.stateDir}/environment.json (mode 0600)
  Jaeger UI      ${info.jaeger.queryUrl}  (traces of every Ferry service; OTLP/HTTP at ${info.jaeger.otlpUrl})
  restic, kopia  ${info.binaries.restic}, ${info.binaries.kopia}
  nodes          ${info.nodes.map((node) => `${node.name} (${node.root})`).join(', ') || 'none'}
  services       ${info.services.map((service) => `ferry-${service.name} ${service.url}`).join(', ') || 'none'}
  state          ${info.stateDir}
Try: KUBECONFIG=${info.kubeconfigPath} npm run ferry -- policy explain --backup demo-backup
${info.services
  .map((service) =>
    service.name === 'policy'
      ? `     curl -s -XPOST ${service.url}/v1/policies/validate -H 'content-type: application/json' -d '{"document":"version: v2"}'`
      : `     curl -s ${service.url}${serviceEndpoints[service.name.replace(/^mover-.*/, 'mover')] ?? '/healthz'}`,
  )
  .join('\n')}
Press Ctrl-C to stop.`);
  const shutdown = () => {
    terminal.note('[devenv] stopping...');
    environment.stop().then(() => process.exit(0), terminal.fail);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

async function down(): Promise<void> {
  const runs = await stopAllRuns();
  terminal.print(runs.length ? `cleaned up: ${runs.join(', ')}` : 'no environment was running');
}

const commands: Record<string, () => Promise<void>> = { up, start, down };
const command = commands[process.argv[2] ?? ''];
if (!command) {
  terminal.note(usage);
  process.exit(2);
}
command().catch(terminal.fail);
