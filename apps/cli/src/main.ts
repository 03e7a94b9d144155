// ferry: the command line. Wiring only: process arguments and streams in, exit code out; the
// policy planner runs in-process against the cluster of the kubeconfig, like the velero CLI.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@ferry/ferry-cli';
import { createKubeClient } from '@ferry/kube';
import { planBackup } from '@ferry/policy-service';

const namespace = process.env['FERRY_NAMESPACE'] || 'velero';
const globalPoliciesConfigMap = process.env['FERRY_GLOBAL_VOLUME_POLICIES_CONFIGMAP'];

runCli(
  process.argv.slice(2),
  { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) },
  {
    defaultNamespace: namespace,
    planBackup: (backup) =>
      planBackup(
        createKubeClient({ kind: 'file', kubeconfigPath: process.env['KUBECONFIG'] || join(homedir(), '.kube', 'config') }),
        backup,
        {
          serviceNamespace: namespace,
          ...(globalPoliciesConfigMap ? { globalPoliciesConfigMap } : {}),
        },
      ),
  },
).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`ferry: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
