// The tar format Velero's archive/tar writer produces for the backup: USTAR headers (a long name
// split into prefix and name at a `/`), a PAX `path` record when no split fits, regular files,
// 512-byte blocks, two zero blocks at the end. Encoding a whole page of entries into one buffer
// keeps the gzip stream fed in large chunks instead of one small write per entry.

const block = 512;
const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

/** One regular file of the archive. */
export interface TarFile {
  readonly name: string;
  readonly body: Buffer;
}

/** Where a name goes in a USTAR header: `[prefix, name]`, or undefined when no split fits. */
function splitName(name: string): [string, string] | undefined {
  if (Buffer.byteLength(name) <= 100) return ['', name];
  for (let slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
    const prefix = name.slice(0, slash);
    const rest = name.slice(slash + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100 && rest.length > 0) return [prefix, rest];
  }
  return undefined;
}

const octal = (value: number, width: number): string => `${value.toString(8).padStart(width - 1, '0')}\0`;

/** A header with the fields every entry shares (mode, owner, time, magic), and the byte sum of that template. */
interface HeaderTemplate {
  readonly bytes: Buffer;
  readonly sum: number;
}

function headerTemplate(mode: number, mtime: number, type: '0' | 'x'): HeaderTemplate {
  const bytes = Buffer.alloc(block);
  bytes.write(octal(mode, 8), 100, 'ascii');
  bytes.write(octal(0, 8), 108, 'ascii');
  bytes.write(octal(0, 8), 116, 'ascii');
  bytes.write(octal(mtime, 12), 136, 'ascii');
  bytes.write('        ', 148, 'ascii');
  bytes.write(type, 156, 'ascii');
  bytes.write('ustar\0', 257, 'ascii');
  bytes.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of bytes) sum += byte;
  return { bytes, sum };
}

/** Writes one header at `at` of `out` from the template: name, prefix and size filled in, the checksum adjusted. */
function writeHeader(out: Buffer, at: number, template: HeaderTemplate, name: string, prefix: string, size: number): void {
  template.bytes.copy(out, at);
  let sum = template.sum;
  const nameBytes = out.write(name, at, 100, 'utf8');
  out.write(octal(size, 12), at + 124, 'ascii');
  const prefixBytes = prefix === '' ? 0 : out.write(prefix, at + 345, 155, 'utf8');
  for (let i = 0; i < nameBytes; i++) sum += out[at + i] ?? 0;
  for (let i = 0; i < 12; i++) sum += out[at + 124 + i] ?? 0;
  for (let i = 0; i < prefixBytes; i++) sum += out[at + 345 + i] ?? 0;
  out.write(`${sum.toString(8).padStart(6, '0')}\0 `, at + 148, 'ascii');
}

/** A PAX record `"<length> path=<name>\n"`, the length counting itself. */
function paxRecord(name: string): Buffer {
  const text = ` path=${name}\n`;
  let length = utf8(text).length;
  while (utf8(`${length}${text}`).length !== length) length = utf8(`${length}${text}`).length;
  return utf8(`${length}${text}`);
}

const padded = (size: number): number => Math.ceil(size / block) * block;

/** One entry's layout: its PAX record (when the name fits no USTAR split) and the USTAR name parts. */
interface Layout {
  readonly file: TarFile;
  readonly pax?: Buffer;
  readonly prefix: string;
  readonly name: string;
}

function layoutOf(file: TarFile): Layout {
  const split = splitName(file.name);
  if (split) return { file, prefix: split[0], name: split[1] };
  const base = file.name.slice(file.name.lastIndexOf('/') + 1);
  return { file, pax: paxRecord(file.name), prefix: '', name: base.slice(0, 100) };
}

const sizeOf = (layout: Layout): number => (layout.pax ? block + padded(layout.pax.length) : 0) + block + padded(layout.file.body.length);

/**
 * The blocks of `files` (header, body, padding each; a PAX header first for a name no USTAR split
 * fits), written into one buffer. `mtime` in seconds since the epoch. Pure.
 */
export function encodeTarFiles(files: readonly TarFile[], mode: number, mtime: number): Buffer {
  const template = headerTemplate(mode, mtime, '0');
  const layouts = files.map(layoutOf);
  const out = Buffer.alloc(layouts.reduce((total, layout) => total + sizeOf(layout), 0));
  let at = 0;
  for (const layout of layouts) {
    if (layout.pax) {
      writeHeader(out, at, headerTemplate(mode, mtime, 'x'), `PaxHeaders.0/${layout.name}`.slice(0, 100), '', layout.pax.length);
      layout.pax.copy(out, at + block);
      at += block + padded(layout.pax.length);
    }
    writeHeader(out, at, template, layout.name, layout.prefix, layout.file.body.length);
    layout.file.body.copy(out, at + block);
    at += block + padded(layout.file.body.length);
  }
  return out;
}

/** The end of an archive: two zero blocks. */
export const tarEnd = (): Buffer => Buffer.alloc(2 * block);
