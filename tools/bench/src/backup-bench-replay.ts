// The client's own share of a backup: a backup's API answers recorded once, then replayed to later
// backups in this process (no API server, no network; each answer parsed again from its text) with
// the tarball drained instead of uploaded, so what remains is listing bookkeeping, JSON encoding,
// tar and gzip.
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ApiRequest, ApiRequester } from '@ferry/kube';
import type { ObjectStore } from '@ferry/object-store';

/** Answers recorded by {@link recordingRequester}, by request. */
export type RecordedAnswers = ReadonlyMap<string, string>;

const requestKey = (request: ApiRequest): string =>
  JSON.stringify([request.method, request.path, request.query ?? {}, request.accept ?? '']);

/** Wraps `requester`, keeping the JSON text of every answer it returns. */
export function recordingRequester(requester: ApiRequester): { requester: ApiRequester; answers: RecordedAnswers } {
  const answers = new Map<string, string>();
  return {
    answers,
    requester: {
      async request<T>(request: ApiRequest): Promise<T> {
        const answer = await requester.request<T>(request);
        answers.set(requestKey(request), JSON.stringify(answer));
        return answer;
      },
    },
  };
}

/** Answers each request with its recorded answer, parsed again, on a later turn of the event loop; rejects for one not recorded. */
export function replayingRequester(answers: RecordedAnswers): ApiRequester {
  return {
    async request<T>(request: ApiRequest): Promise<T> {
      const text = answers.get(requestKey(request));
      if (text === undefined) throw new Error(`no recorded answer to ${request.method} ${request.path}`);
      await new Promise((resolve) => setImmediate(resolve));
      return JSON.parse(text) as T;
    },
  };
}

/** `store` whose uploads are read to the end and dropped; resolves with the bytes read. */
export function drainingStore(store: ObjectStore): ObjectStore {
  return {
    ...store,
    async uploadStream(_key, body) {
      let bytes = 0;
      await pipeline(
        body,
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            bytes += chunk.length;
            done();
          },
        }),
      );
      return { bytes };
    },
  };
}
