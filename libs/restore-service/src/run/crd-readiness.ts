// Velero's crdAvailable: a restored CustomResourceDefinition must become Established (polled
// every second, up to the resource timeout) before its custom resources can be created.
import { sleepUnlessAborted } from '@ferry/kube';
import { asObject, type ItemJson } from '@ferry/restore';
import type { ApiResourceRef } from '../api/api-object-client';
import type { RestoreContext } from './restore-context';

function established(crd: ItemJson): boolean {
  const conditions = asObject(crd['status'])?.['conditions'];
  return (Array.isArray(conditions) ? conditions : []).some((condition) => {
    const fields = asObject(condition);
    return fields?.['type'] === 'Established' && fields['status'] === 'True';
  });
}

/** Waits for CRD `name` to be Established; records Velero's error when it is not in time. */
export async function waitForCrdEstablished(context: RestoreContext, ref: ApiResourceRef, name: string): Promise<void> {
  const deadline = Date.now() + context.timeouts.resourceTimeoutMs;
  for (;;) {
    try {
      if (established(await context.api.get(ref, '', name, context.signal))) return;
    } catch (error) {
      context.results.cluster(
        'errors',
        `error verifying the CRD ${name} is ready to use: ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    }
    if (Date.now() >= deadline || context.signal.aborted) {
      context.results.cluster('errors', `the CRD ${name} is not available to use for custom resources`);
      return;
    }
    await sleepUnlessAborted(context.timeouts.pollMs, context.signal);
  }
}
