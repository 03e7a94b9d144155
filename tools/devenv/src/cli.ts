import { startEnvironment } from './environment';
import { stopAllRuns } from './run-registry';

const usage = 'usage: devenv up | down';

async function up(): Promise<void> {
  const begin = Date.now();
  const environment = await startEnvironment({ onProgress: (line) => console.error(`[devenv] ${line}`) });
  const { info } = environment;
  console.log(`Ferry development environment ready in ${((Date.now() - begin) / 1000).toFixed(1)} s
  kubeconfig     ${info.kubeconfigPath}        (export KUBECONFIG=${info.kubeconfigPath}; kubectl get crds)
  API server     ${info.kubeApiServerUrl}
  NATS           ${info.natsUrl}
  S3 (MinIO)     ${info.s3.endpoint}  bucket ${info.s3.bucket}  region ${info.s3.region}
  S3 keys        in ${info.stateDir}/environment.json (mode 0600)
  restic, kopia  ${info.binaries.restic}, ${info.binaries.kopia}
  nodes          ${info.nodes.map((node) => `${node.name} (${node.root})`).join(', ') || 'none'}
  state          ${info.stateDir}
Press Ctrl-C to stop.`);
  const shutdown = () => {
    console.error('[devenv] stopping...');
    environment.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

async function down(): Promise<void> {
  const runs = await stopAllRuns();
  console.log(runs.length ? `cleaned up: ${runs.join(', ')}` : 'no environment was running');
}

const commands: Record<string, () => Promise<void>> = { up, down };
const command = commands[process.argv[2] ?? ''];
if (!command) {
  console.error(usage);
  process.exit(2);
}
command().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
