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
  if (utf8(name).length <= 100) return ['', name];
  for (let slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
    const prefix = name.slice(0, slash);
    const rest = name.slice(slash + 1);
    if (utf8(prefix).length <= 155 && utf8(rest).length <= 100 && rest.length > 0) return [prefix, rest];
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

/** One header from the template: name, prefix and size filled in, the checksum adjusted for them. */
function header(template: HeaderTemplate, name: string, prefix: string, size: number): Buffer {
  const buffer = Buffer.allocUnsafe(block);
  template.bytes.copy(buffer);
  let sum = template.sum;
  const nameBytes = buffer.write(name, 0, 100, 'utf8');
  const sizeText = octal(size, 12);
  buffer.write(sizeText, 124, 'ascii');
  const prefixBytes = prefix === '' ? 0 : buffer.write(prefix, 345, 155, 'utf8');
  for (let i = 0; i < nameBytes; i++) sum += buffer[i] ?? 0;
  for (let i = 0; i < 12; i++) sum += buffer[124 + i] ?? 0;
  for (let i = 0; i < prefixBytes; i++) sum += buffer[345 + i] ?? 0;
  buffer.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return buffer;
}

/** A PAX record `"<length> path=<name>\n"`, the length counting itself. */
function paxRecord(name: string): Buffer {
  const text = ` path=${name}\n`;
  let length = utf8(text).length;
  while (utf8(`${length}${text}`).length !== length) length = utf8(`${length}${text}`).length;
  return utf8(`${length}${text}`);
}

const padding = (size: number): Buffer => Buffer.alloc((block - (size % block)) % block);

/**
 * The blocks of `files` (header, body, padding each), as one buffer. `mtime` in seconds since the
 * epoch. Pure.
 */
export function encodeTarFiles(files: readonly TarFile[], mode: number, mtime: number): Buffer {
  const file = headerTemplate(mode, mtime, '0');
  const parts: Buffer[] = [];
  for (const { name, body } of files) {
    const split = splitName(name);
    if (split) {
      parts.push(header(file, split[1], split[0], body.length));
    } else {
      const record = paxRecord(name);
      const base = name.slice(name.lastIndexOf('/') + 1);
      parts.push(
        header(headerTemplate(mode, mtime, 'x'), `PaxHeaders.0/${base}`.slice(0, 100), '', record.length),
        record,
        padding(record.length),
      );
      parts.push(header(file, base.slice(0, 100), '', body.length));
    }
    parts.push(body, padding(body.length));
  }
  return Buffer.concat(parts);
}

/** The end of an archive: two zero blocks. */
export const tarEnd = (): Buffer => Buffer.alloc(2 * block);
