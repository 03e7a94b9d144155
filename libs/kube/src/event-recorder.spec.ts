import { ApiException } from '@kubernetes/client-node';
import { createEventRecorder } from './event-recorder';
import type { KubeClient } from './kube-client';
import type { KubeLogger } from './kube-logger';

const object = { apiVersion: 'velero.io/v2alpha1', kind: 'DataUpload', metadata: { name: 'du-1', namespace: 'velero', uid: 'u1' } };

/** A client whose Event creates answer `statuses` in turn (200 once they run out). */
function clientAnswering(statuses: number[]) {
  const created: unknown[] = [];
  const core = {
    createNamespacedEvent: async ({ body }: { body: unknown }) => {
      const status = statuses.shift();
      if (status !== undefined) throw new ApiException(status, 'refused', { kind: 'Status', code: status, message: 'busy' }, {});
      created.push(body);
      return body;
    },
  };
  return { client: { core } as unknown as Pick<KubeClient, 'core'>, created };
}

function recordingLogger() {
  const warnings: string[] = [];
  const logger = { warn: (_fields: object, message: string) => warnings.push(message) } as unknown as KubeLogger;
  return { logger, warnings };
}

describe('event recorder - busy API server', () => {
  jest.setTimeout(10_000);

  it('writes the Event again after a 429 or 503, so the author still sees it', async () => {
    const { client, created } = clientAnswering([429, 503]);
    const { logger, warnings } = recordingLogger();
    await createEventRecorder(client, 'ferry-controller', logger).record(object, 'Warning', 'DataPathInvalidSpec', 'bad spec');
    expect(created).toEqual([expect.objectContaining({ reason: 'DataPathInvalidSpec', message: 'bad spec' })]);
    expect(warnings).toEqual([]);
  });

  it('gives up at once on a refusal that cannot change (403), logging it', async () => {
    const { client, created } = clientAnswering([403]);
    const { logger, warnings } = recordingLogger();
    await createEventRecorder(client, 'ferry-controller', logger).record(object, 'Warning', 'DataPathInvalidSpec', 'bad spec');
    expect(created).toEqual([]);
    expect(warnings).toEqual(['event not recorded']);
  });
});
