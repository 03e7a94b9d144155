// The demo's story, told through the `ferry` CLI as a user would run it (each command a process
// whose output is the user's): back up the demo application with live progress, describe the
// backup with --details, lose the application's namespace, restore it with live progress, describe
// the restore, and check every volume's files against their sha256 from before the loss. While the
// backup runs, the demo watches the exposer's backupPVC to say which storage class and access mode
// the node-agent ConfigMap gave it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isNotFound, type KubeClient } from '@ferry/kube';
import { describeTree } from './data-tree';
import type { EnvironmentInfo } from './environment-info';
import { kubeletVolumePath } from './kubelet-volumes';
import type { DemoWorkload } from './demo-workload';

/** What the story came to. */
export interface DemoStory {
  /** Exit codes of the CLI commands, by command line. */
  readonly commands: readonly { readonly line: string; readonly exitCode: number }[];
  /** The backupPVCs the exposer made: name, storage class, access modes. */
  readonly backupClaims: readonly string[];
  /** Per claim: whether every file came back identical (`undefined` = expected empty and is). */
  readonly volumes: readonly { readonly claim: string; readonly files: number; readonly identical: boolean }[];
}

const cliEntry = join(__dirname, '..', '..', '..', 'apps', 'cli', 'src', 'main.ts');
const tsxBinary = join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');

/** Runs `ferry <args>` as a process writing to this terminal; resolves with its exit code. */
function ferry(info: EnvironmentInfo, args: readonly string[], report: (line: string) => void): Promise<number> {
  report(`\n$ ferry ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(tsxBinary, [cliEntry, ...args], { stdio: 'inherit', env: { ...process.env, KUBECONFIG: info.kubeconfigPath } });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

/** The files of every claim of the demo pod, by claim: relative path → sha256. */
async function claimTrees(kube: KubeClient, info: EnvironmentInfo, workload: DemoWorkload): Promise<Map<string, Record<string, string>>> {
  const pod = await kube.core.readNamespacedPod({ namespace: workload.namespace, name: workload.pod });
  const trees = new Map<string, Record<string, string>>();
  for (const claim of workload.claims) {
    const pvc = await kube.core.readNamespacedPersistentVolumeClaim({ namespace: workload.namespace, name: claim });
    const path = kubeletVolumePath(info, pod.spec?.nodeName ?? '', pod.metadata?.uid ?? '', pvc.spec?.volumeName ?? '');
    trees.set(claim, await describeTree(path).catch(() => ({})));
  }
  return trees;
}

/** Polls until `probe` answers; throws after `timeoutMs`. */
async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`demo: timed out waiting for ${what}`);
    await sleep(200);
  }
}

/** Records the backupPVCs (`<backup>-…` claims in Ferry's namespace) until `stop` aborts. */
async function watchBackupClaims(kube: KubeClient, namespace: string, prefix: string, stop: AbortSignal): Promise<string[]> {
  const seen = new Map<string, string>();
  while (!stop.aborted) {
    const claims = await kube.core.listNamespacedPersistentVolumeClaim({ namespace }).catch(() => ({ items: [] }));
    for (const claim of claims.items) {
      const name = claim.metadata?.name ?? '';
      if (name.startsWith(prefix) && !seen.has(name))
        seen.set(name, `${name}: storage class ${claim.spec?.storageClassName ?? ''}, ${(claim.spec?.accessModes ?? []).join(',')}`);
    }
    await sleep(200);
  }
  return [...seen.values()];
}

/** Runs the story on the seeded workload; `report` prints the demo's own lines. */
export async function runDemoStory(
  kube: KubeClient,
  info: EnvironmentInfo,
  workload: DemoWorkload,
  report: (line: string) => void,
): Promise<DemoStory> {
  const commands: { line: string; exitCode: number }[] = [];
  const run = async (...args: string[]) => {
    const exitCode = await ferry(info, args, report);
    commands.push({ line: `ferry ${args.join(' ')}`, exitCode });
    return exitCode;
  };
  const backup = 'demo-shop-backup';
  const before = await claimTrees(kube, info, workload);
  await until(
    'BackupStorageLocation default Available',
    async () => {
      const bsl = (await kube.customObjects.getNamespacedCustomObject({
        group: 'velero.io',
        version: 'v1',
        namespace: info.ferryNamespace,
        plural: 'backupstoragelocations',
        name: 'default',
      })) as { status?: { phase?: string } };
      return bsl.status?.phase === 'Available' ? true : undefined;
    },
    60_000,
  );

  const watching = new AbortController();
  const backupClaims = watchBackupClaims(kube, info.ferryNamespace, `${backup}-`, watching.signal);
  await run(
    'backup',
    'create',
    backup,
    '--include-namespaces',
    workload.namespace,
    '--snapshot-move-data',
    '--resource-policies-configmap',
    workload.policies,
    '--wait',
  );
  watching.abort();
  report(`\nThe exposure's backupPVC (node-agent ConfigMap ${workload.nodeAgentConfigMap}, backupPVC for class standard):`);
  for (const line of await backupClaims) report(`  ${line}`);
  await run('policy', 'explain', '--backup', backup, '-n', info.ferryNamespace);
  await run('backup', 'describe', backup, '--details');

  report(`\nLosing namespace ${workload.namespace}...`);
  await kube.core.deleteNamespace({ name: workload.namespace });
  await until(
    `namespace ${workload.namespace} gone`,
    async () => {
      try {
        await kube.core.readNamespace({ name: workload.namespace });
        return undefined;
      } catch (error) {
        return isNotFound(error) ? true : undefined;
      }
    },
    120_000,
  );

  await run('restore', 'create', 'demo-shop-restore', '--from-backup', backup, '--wait');
  await run('restore', 'describe', 'demo-shop-restore', '--details');
  await until(
    'the restored pod running',
    async () => {
      const pod = await kube.core.readNamespacedPod({ namespace: workload.namespace, name: workload.pod }).catch(() => undefined);
      return pod?.status?.phase === 'Running' ? pod : undefined;
    },
    120_000,
  );
  const after = await claimTrees(kube, info, workload);
  const volumes = workload.claims.map((claim) => {
    const expected = workload.skippedClaims.includes(claim) ? {} : (before.get(claim) ?? {});
    const restored = after.get(claim) ?? {};
    return { claim, files: Object.keys(expected).length, identical: JSON.stringify(restored) === JSON.stringify(expected) };
  });
  return { commands, backupClaims: await backupClaims, volumes };
}
