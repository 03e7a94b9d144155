import { createKubeClient } from '@ferry/kube';
import { traceIdOf } from '@ferry/telemetry';
import { runDemoStory } from './demo-story';
import { demoNodeAgentConfigMap, seedDemoWorkload } from './demo-workload';
import { startEnvironment, type Environment } from './environment';
import { stopAllRuns } from './run-registry';
import { terminal } from './terminal-output';

const usage = `usage: devenv up | start | down
  up     the environment only
  start  the environment, Ferry's services and a demo application backed up, lost and restored
         with the ferry CLI (live progress, describe --details, data checked by sha256)
  down   clean up environments a crashed run left behind`;

async function up(): Promise<void> {
  await serve(await startEnvironment({ onProgress: (line) => terminal.note(`[devenv] ${line}`) }), Date.now());
}

async function start(): Promise<void> {
  const begin = Date.now();
  const environment = await startEnvironment({
    services: ['policy', 'exposer', 'controller', 'mover', 'volume-info'],
    serviceEnv: { exposer: { FERRY_NODE_AGENT_CONFIGMAP: demoNodeAgentConfigMap } },
    onProgress: (line) => terminal.note(`[devenv] ${line}`),
  });
  const { info } = environment;
  const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
  const workload = await seedDemoWorkload(kube, info);
  terminal.print(
    `\nDemo: namespace ${workload.namespace} (pod ${workload.pod}; claims ${workload.claims.join(', ')}), ready in ${((Date.now() - begin) / 1000).toFixed(1)} s. ` +
      'Backed up, lost and restored with the ferry CLI:',
  );
  const story = await runDemoStory(kube, info, workload, (line) => terminal.print(line));
  terminal.print('\nThe story in numbers:');
  for (const command of story.commands) terminal.print(`  exit ${command.exitCode}  ${command.line}`);
  for (const volume of story.volumes) {
    const expected = workload.skippedClaims.includes(volume.claim) ? 'skipped by policy: restored empty' : `${volume.files} entries`;
    terminal.print(`  ${workload.namespace}/${volume.claim}: ${expected}, ${volume.identical ? 'identical (sha256)' : 'MISMATCH'}`);
  }
  for (const [kind, name] of [
    ['backups', 'demo-shop-backup'],
    ['restores', 'demo-shop-restore'],
  ] as const) {
    const object = (await kube.customObjects.getNamespacedCustomObject({
      group: 'velero.io',
      version: 'v1',
      namespace: info.ferryNamespace,
      plural: kind,
      name,
    })) as { metadata?: { annotations?: Record<string, string> } };
    const traceId = traceIdOf(object.metadata?.annotations ?? {});
    // The query API's JSON: this Jaeger build serves a placeholder instead of its UI (docs/architecture.md, "Jaeger UI").
    if (traceId) terminal.print(`  trace of ${name}: ${traceId} (spans as JSON: ${info.jaeger.queryUrl}/api/traces/${traceId})`);
  }
  terminal.print(`  done in ${((Date.now() - begin) / 1000).toFixed(1)} s`);
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
  Jaeger         ${info.jaeger.queryUrl}/api/services  (query API of every Ferry service's traces, no UI assets in this build; OTLP/HTTP at ${info.jaeger.otlpUrl})
  restic, kopia  ${info.binaries.restic}, ${info.binaries.kopia}
  velero CLI     ${info.binaries.velero}  (KUBECONFIG=${info.kubeconfigPath} ${info.binaries.velero} backup get -n ${info.ferryNamespace})
  nodes          ${info.nodes.map((node) => `${node.name} (${node.root})`).join(', ') || 'none'}
  services       ${info.services.map((service) => `ferry-${service.name} ${service.url}`).join(', ') || 'none'}
  state          ${info.stateDir}
Try: KUBECONFIG=${info.kubeconfigPath} npm run ferry -- backup get
     export FERRY_TOKEN=$(awk '/token:/ {print $2}' ${info.kubeconfigPath})   (the service APIs need a Kubernetes token; this is the admin's)
${info.services
  .map((service) =>
    service.name === 'policy'
      ? `     curl -s -XPOST ${service.url}/v1/policies/validate -H "Authorization: Bearer $FERRY_TOKEN" -H 'content-type: application/json' -d '{"document":"version: v2"}'`
      : `     curl -s ${service.url}${serviceEndpoints[service.name.replace(/^mover-.*/, 'mover')] ?? '/healthz'} -H "Authorization: Bearer $FERRY_TOKEN"`,
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
