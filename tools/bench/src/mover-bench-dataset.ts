// The mover benchmark's dataset: one large file and many small ones, their bytes a keystream of
// AES-256-CTR keyed by the seed (incompressible, so neither tool's compression or deduplication
// flatters it, and the same seed gives the same bytes on every run).
import { createCipheriv, createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

/** Shape of a generated dataset. */
export interface BenchDatasetSpec {
  readonly seed: string;
  readonly largeFileBytes: number;
  readonly smallFiles: number;
  /** Small files are between these sizes (inclusive min, exclusive max), chosen by the seed. */
  readonly smallFileMinBytes: number;
  readonly smallFileMaxBytes: number;
}

/** What a generated dataset holds: file count and bytes of file content. */
export interface BenchDatasetSize {
  readonly files: number;
  readonly bytes: number;
}

/** Small files per directory (`small/dNNN/fNNNNN.bin`). */
const filesPerDirectory = 200;
/** Small files written at once. */
const writeConcurrency = 16;

function key(seed: string, purpose: string): Buffer {
  return createHash('sha256').update(`ferry-mover-bench\0${seed}\0${purpose}`).digest();
}

/** Keystream chunk size; the cipher encrypts zeros, so one shared zero buffer serves every file. */
const chunkBytes = 4 * 1024 * 1024;
const zeros = Buffer.alloc(chunkBytes);

/** A deterministic byte stream of `bytes` bytes for `name`, in 4 MiB chunks. */
function* keystream(seed: string, name: string, bytes: number): Generator<Buffer> {
  const cipher = createCipheriv('aes-256-ctr', key(seed, `data:${name}`), key(seed, `iv:${name}`).subarray(0, 16));
  for (let done = 0; done < bytes; done += chunkBytes) yield cipher.update(zeros.subarray(0, Math.min(chunkBytes, bytes - done)));
}

function smallFileSize(spec: BenchDatasetSpec, index: number): number {
  const span = spec.smallFileMaxBytes - spec.smallFileMinBytes;
  return spec.smallFileMinBytes + (span > 0 ? key(spec.seed, `size:${index}`).readUInt32BE(0) % span : 0);
}

function smallFilePath(root: string, index: number): string {
  const directory = `d${String(Math.floor(index / filesPerDirectory)).padStart(3, '0')}`;
  return join(root, 'small', directory, `f${String(index).padStart(5, '0')}.bin`);
}

/**
 * Writes the dataset under `root` (created if missing; expected empty): `large.bin` and
 * `small/dNNN/fNNNNN.bin`. Streams the large file, so memory stays small for any size. Resolves
 * with what was written; the caller removes `root`.
 */
export async function generateBenchDataset(root: string, spec: BenchDatasetSpec): Promise<BenchDatasetSize> {
  await mkdir(root, { recursive: true });
  await pipeline(keystream(spec.seed, 'large', spec.largeFileBytes), createWriteStream(join(root, 'large.bin')));
  let bytes = spec.largeFileBytes;
  for (let d = 0; d * filesPerDirectory < spec.smallFiles; d++)
    await mkdir(join(root, 'small', `d${String(d).padStart(3, '0')}`), { recursive: true });
  let next = 0;
  const worker = async () => {
    while (next < spec.smallFiles) {
      const index = next++;
      const size = smallFileSize(spec, index);
      bytes += size;
      await writeFile(smallFilePath(root, index), Buffer.concat([...keystream(spec.seed, `small:${index}`, size)]));
    }
  };
  await Promise.all(Array.from({ length: writeConcurrency }, worker));
  return { files: spec.smallFiles + 1, bytes };
}

/** Names two trees' differences (at most `limit`), given their `describeTree` descriptions; empty when identical. */
export function treeDifferences(expected: Readonly<Record<string, string>>, actual: Readonly<Record<string, string>>, limit = 5): string[] {
  const differences: string[] = [];
  for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    if (expected[key] === actual[key]) continue;
    differences.push(`${key}: expected ${expected[key] ?? 'nothing'}, got ${actual[key] ?? 'nothing'}`);
    if (differences.length >= limit) break;
  }
  return differences;
}
