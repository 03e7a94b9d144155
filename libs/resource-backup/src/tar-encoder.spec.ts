import { Readable } from 'node:stream';
import { extract } from 'tar-stream';
import { encodeTarFiles, tarEnd } from './tar-encoder';

async function readBack(bytes: Buffer): Promise<{ name: string; mode?: number; mtime?: Date; type?: string | null; text: string }[]> {
  const entries: { name: string; mode?: number; mtime?: Date; type?: string | null; text: string }[] = [];
  const reader = extract();
  Readable.from([bytes]).pipe(reader);
  for await (const entry of reader) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    entries.push({
      name: entry.header.name,
      mode: entry.header.mode,
      mtime: entry.header.mtime,
      type: entry.header.type,
      text: Buffer.concat(chunks).toString('utf8'),
    });
  }
  return entries;
}

describe('tar encoder - USTAR and PAX entries a tar reader takes back', () => {
  const long = `resources/customresourcedefinitions.apiextensions.k8s.io/v1-preferredversion/cluster/${'w'.repeat(60)}.example.io.json`;
  const unsplittable = `resources/${'x'.repeat(120)}/${'y'.repeat(120)}.json`;

  it('round-trips short, split and PAX names with mode, time and bodies', async () => {
    const bytes = Buffer.concat([
      encodeTarFiles(
        [
          { name: 'metadata/version', body: Buffer.from('1.1.0\n') },
          { name: long, body: Buffer.from('{"a":1}') },
          { name: unsplittable, body: Buffer.from('é'.repeat(300)) },
          { name: 'empty.json', body: Buffer.alloc(0) },
        ],
        0o755,
        1_700_000_000,
      ),
      tarEnd(),
    ]);
    expect(bytes.length % 512).toBe(0);
    const entries = await readBack(bytes);
    expect(entries.map((e) => [e.name, e.type, e.mode, e.text.length])).toEqual([
      ['metadata/version', 'file', 0o755, 6],
      [long, 'file', 0o755, 7],
      [unsplittable, 'file', 0o755, 300],
      ['empty.json', 'file', 0o755, 0],
    ]);
    expect(entries[0]?.text).toBe('1.1.0\n');
    expect(entries[0]?.mtime?.getTime()).toBe(1_700_000_000_000);
  });
});
