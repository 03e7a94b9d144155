import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import type { ObjectStore } from '@ferry/object-store';
import { openTarballSink } from './tarball-sink';

interface ReadEntry {
  readonly name: string;
  readonly mode?: number;
  readonly mtime?: Date;
  readonly type?: string | null;
  readonly text: string;
}

async function readBack(gzipped: Buffer): Promise<ReadEntry[]> {
  const entries: ReadEntry[] = [];
  const reader = extract();
  Readable.from([gunzipSync(gzipped)]).pipe(reader);
  for await (const entry of reader) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    const { name, mode, mtime, type } = entry.header;
    entries.push({ name, mode, mtime, type, text: Buffer.concat(chunks).toString('utf8') });
  }
  return entries;
}

/** A store whose upload collects the stream in memory, or fails after the first chunk. */
function memoryStore(failWith?: Error): { store: ObjectStore; uploaded: () => Buffer } {
  let bytes = Buffer.alloc(0);
  const store = {
    async uploadStream(_key: string, body: Readable) {
      const chunks: Buffer[] = [];
      for await (const chunk of body) {
        if (failWith) throw failWith;
        chunks.push(chunk as Buffer);
      }
      bytes = Buffer.concat(chunks);
      return { bytes: bytes.length };
    },
  } as unknown as ObjectStore;
  return { store, uploaded: () => bytes };
}

describe('tarball sink - tar-stream pack, gzip, upload', () => {
  const long = `resources/customresourcedefinitions.apiextensions.k8s.io/v1-preferredversion/cluster/${'w'.repeat(60)}.example.io.json`;
  const unsplittable = `resources/${'x'.repeat(120)}/${'y'.repeat(120)}.json`;

  it('round-trips short, USTAR-split and PAX names in mode 0755 with the open time and bodies', async () => {
    const { store, uploaded } = memoryStore();
    const before = Math.floor(Date.now() / 1000) * 1000;
    const sink = openTarballSink(store, 'k');
    await sink.add([{ name: 'metadata/version', body: Buffer.from('1.1.0\n') }]);
    await sink.add([
      { name: long, body: Buffer.from('{"a":1}') },
      { name: unsplittable, body: Buffer.from('é'.repeat(300)) },
      { name: 'empty.json', body: Buffer.alloc(0) },
    ]);
    await sink.add([]);
    const bytes = await sink.finish();
    expect(bytes).toBe(uploaded().length);
    expect(gunzipSync(uploaded()).length % 512).toBe(0);
    const entries = await readBack(uploaded());
    expect(entries.map((e) => [e.name, e.type, e.mode, e.text.length])).toEqual([
      ['metadata/version', 'file', 0o755, 6],
      [long, 'file', 0o755, 7],
      [unsplittable, 'file', 0o755, 300],
      ['empty.json', 'file', 0o755, 0],
    ]);
    expect(entries[0]?.text).toBe('1.1.0\n');
    expect(entries[0]?.mtime?.getTime()).toBeGreaterThanOrEqual(before);
    expect(entries[0]?.mtime?.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('keeps the order of many pages added at once (pages larger than the buffers)', async () => {
    const { store, uploaded } = memoryStore();
    const sink = openTarballSink(store, 'k');
    const page = (p: number) => Array.from({ length: 200 }, (_, i) => ({ name: `p${p}/i${i}.json`, body: Buffer.alloc(700, p + i) }));
    await Promise.all([0, 1, 2, 3].map((p) => sink.add(page(p))));
    await sink.finish();
    const names = (await readBack(uploaded())).map((e) => e.name);
    expect(names).toEqual([0, 1, 2, 3].flatMap((p) => page(p).map((f) => f.name)));
  });

  it('rejects add and finish with the upload failure', async () => {
    const failure = new Error('bucket gone');
    const { store } = memoryStore(failure);
    const sink = openTarballSink(store, 'k');
    const big = Array.from({ length: 400 }, (_, i) => ({ name: `i${i}`, body: Buffer.alloc(4096, i) }));
    await expect(sink.add(big)).rejects.toBe(failure);
    await expect(sink.finish()).rejects.toBe(failure);
  });

  it('abort stops the upload and resolves', async () => {
    const { store } = memoryStore();
    const sink = openTarballSink(store, 'k');
    await sink.add([{ name: 'a', body: Buffer.from('x') }]);
    await expect(sink.abort(new Error('stopped'))).resolves.toBeUndefined();
  });
});
