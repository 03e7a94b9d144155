// The data check of the volume restore specs: what the application harness wrote into a claim, and
// what a claim holds now, read from the simulated node's volume, both as file name → sha256.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { claimFileContents, claimMountPath, eventually, podWithClaim, runPod, type ApplicationHarness } from '@ferry/devenv/testing';

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** The files the harness wrote into claim `name` (its claimFileContents), by file name → sha256. */
export const writtenFiles = (name: string): Record<string, string> =>
  Object.fromEntries(Object.entries(claimFileContents(name)).map(([file, content]) => [file, sha256(content)]));

/**
 * sha256 of every file (dot files left out) in claim `claim` of `namespace`, read through running
 * pod `podName`, or through a new reader pod `reader-<claim>` when none is given.
 */
export async function claimFiles(
  h: ApplicationHarness,
  claim: string,
  podName?: string,
  namespace = h.appNamespace,
): Promise<Record<string, string>> {
  const pod = podName
    ? await eventually(`pod ${podName} running`, async () => {
        const found = await h.kube.core.readNamespacedPod({ namespace, name: podName });
        return found.status?.phase === 'Running' ? found : undefined;
      })
    : await runPod(h.kube, podWithClaim(namespace, `reader-${claim}`, claim));
  const dir = await claimMountPath(h.kube, h.info, pod, claim);
  const names = (await readdir(dir)).filter((entry) => !entry.startsWith('.'));
  return Object.fromEntries(await Promise.all(names.map(async (entry) => [entry, sha256(await readFile(join(dir, entry)))] as const)));
}
