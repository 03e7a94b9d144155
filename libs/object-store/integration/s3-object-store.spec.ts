// The ObjectStore role against the environment's MinIO: multipart uploads from a stream (several
// parts, no object after a failed or aborted upload), reads whole and streamed, listings and deletes.
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { loadEnvironmentInfo } from '@ferry/devenv/testing';
import { storageLocationPlan } from '@ferry/storage-location';
import { createS3ObjectStore, ObjectStoreErrorCode, type ObjectStore } from '../src';

const mebibyte = 1024 * 1024;

/** `count` chunks of 1 MiB of random bytes, then `ending` (an error to fail the stream, or nothing). */
function randomSource(count: number, ending?: Error): { stream: Readable; sha256: () => string } {
  const hash = createHash('sha256');
  async function* chunks() {
    for (let index = 0; index < count; index++) {
      const chunk = randomBytes(mebibyte);
      hash.update(chunk);
      yield chunk;
    }
    if (ending) throw ending;
  }
  return { stream: Readable.from(chunks()), sha256: () => hash.digest('hex') };
}

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('s3 object store - streams, listings and deletes on MinIO', () => {
  const info = loadEnvironmentInfo();
  const prefix = `object-store-it-${Date.now()}`;
  let store: ObjectStore;

  beforeAll(() => {
    const plan = storageLocationPlan(
      {
        metadata: {},
        spec: {
          provider: 'aws',
          objectStorage: { bucket: info.s3.bucket, prefix },
          config: { s3Url: info.s3.endpoint, s3ForcePathStyle: 'true' },
        },
      },
      'test',
    );
    store = createS3ObjectStore(plan, info.s3);
  });
  afterAll(async () => {
    await store.deleteKeys(await store.listKeys(`${prefix}/`));
    store.close();
  });

  it('uploads a 12 MiB stream in parts and reads it back whole and streamed', async () => {
    const source = randomSource(12);
    const written = await store.uploadStream(`${prefix}/big/blob`, source.stream);
    expect(written.bytes).toBe(12 * mebibyte);
    const expected = source.sha256();

    const whole = await store.getObject(`${prefix}/big/blob`);
    expect(whole && sha256Of(whole)).toBe(expected);

    const hash = createHash('sha256');
    for await (const chunk of await store.openObjectStream(`${prefix}/big/blob`)) hash.update(chunk as Buffer);
    expect(hash.digest('hex')).toBe(expected);
  });

  it('leaves no object when the source fails or the upload is aborted', async () => {
    await expect(store.uploadStream(`${prefix}/failed`, randomSource(7, new Error('source broke')).stream)).rejects.toThrow();
    const controller = new AbortController();
    const aborted = store.uploadStream(`${prefix}/aborted`, randomSource(40).stream, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop')), 200);
    await expect(aborted).rejects.toThrow();
    expect(await store.getObject(`${prefix}/failed`)).toBeUndefined();
    expect(await store.getObject(`${prefix}/aborted`)).toBeUndefined();
  });

  it('answers a missing object with undefined, or ObjectNotFound for a stream', async () => {
    expect(await store.getObject(`${prefix}/none`)).toBeUndefined();
    await expect(store.openObjectStream(`${prefix}/none`)).rejects.toMatchObject({ code: ObjectStoreErrorCode.ObjectNotFound });
  });

  it('lists nested keys across pages and deletes them in batches', async () => {
    const keys = Array.from({ length: 1203 }, (_, index) => `${prefix}/many/${index % 3}/k${index}`);
    for (let start = 0; start < keys.length; start += 50) {
      await Promise.all(keys.slice(start, start + 50).map((key) => store.putObject(key, 'x')));
    }
    expect((await store.listKeys(`${prefix}/many/`)).sort()).toEqual([...keys].sort());
    await store.deleteKeys([...keys, `${prefix}/many/never-written`]);
    expect(await store.listKeys(`${prefix}/many/`)).toEqual([]);
  });
});
