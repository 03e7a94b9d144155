// ferry: the command line. Wiring only: process arguments and streams in, exit code out; commands
// talk to the cluster of the kubeconfig (`--kubeconfig`, else $KUBECONFIG, else ~/.kube/config),
// like the velero CLI; the policy planner runs in-process. FERRY_JAEGER_URL (the Jaeger UI) makes
// `describe` link each trace.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { runCli, veleroResources } from '@ferry/ferry-cli';
import { createKubeClient } from '@ferry/kube';
import { planBackup } from '@ferry/policy-service';

const namespace = process.env['FERRY_NAMESPACE'] || 'velero';
const globalPoliciesConfigMap = process.env['FERRY_GLOBAL_VOLUME_POLICIES_CONFIGMAP'];
const kubeconfigOf = (path?: string): string => path || process.env['KUBECONFIG'] || join(homedir(), '.kube', 'config');

runCli(
  process.argv.slice(2),
  { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) },
  {
    defaultNamespace: namespace,
    connect: (kubeconfig) => veleroResources(createKubeClient({ kind: 'file', kubeconfigPath: kubeconfigOf(kubeconfig) })),
    now: () => Date.now(),
    ...(process.env['FERRY_JAEGER_URL'] ? { jaegerUrl: process.env['FERRY_JAEGER_URL'] } : {}),
    ...(process.stdout.isTTY ? { terminal: process.stdout } : {}),
    input: process.stdin,
    planBackup: (backup) =>
      planBackup(createKubeClient({ kind: 'file', kubeconfigPath: kubeconfigOf() }), backup, {
        serviceNamespace: namespace,
        ...(globalPoliciesConfigMap ? { globalPoliciesConfigMap } : {}),
      }),
  },
).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`ferry: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
