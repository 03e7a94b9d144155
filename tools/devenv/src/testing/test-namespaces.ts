// Namespaces of integration tests: every test file works in its own, uniquely named ones so that
// files running in parallel against one environment never see each other's objects.
import { randomBytes } from 'node:crypto';
import type { KubeClient } from '@ferry/kube';

/** A name `<prefix>-<6 hex>`, unique enough for the objects of one test run. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

/**
 * Creates namespace `<prefix>-<hex>` and resolves with its name once the API server stored it.
 * The caller deletes it ({@link deleteTestNamespace}) when done.
 */
export async function createTestNamespace(kube: KubeClient, prefix: string): Promise<string> {
  const name = uniqueName(prefix);
  await kube.core.createNamespace({ body: { metadata: { name } } });
  return name;
}

/** Starts deleting `name` (the API server finishes in the background); never rejects, so clean-up goes on. */
export async function deleteTestNamespace(kube: KubeClient, name: string): Promise<void> {
  await kube.core.deleteNamespace({ name }).catch(() => undefined);
}
