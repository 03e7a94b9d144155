// Maps document paths (`volumePolicies[2].conditions.capacity`) to 1-based line/column positions
// in the YAML text, so every issue can say where to look. Paths use libs/api's `formatPath`.
import { formatPath } from '@ferry/api';
import type { LineCounter } from 'yaml';

/** One segment of a document path: an object key or a list index. */
export type PathSegment = string | number;

/** A 1-based position in the source text. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

const documentStart: SourcePosition = { line: 1, column: 1 };

/**
 * Positions of the nodes visited while decoding. `locate` falls back to the nearest recorded
 * ancestor, so a missing field points at the object that lacks it.
 */
export class SourceLocator {
  private readonly values = new Map<string, SourcePosition>();
  private readonly keys = new Map<string, SourcePosition>();

  constructor(private readonly lineCounter: LineCounter) {}

  /** The position of a source offset. */
  positionOf(offset: number): SourcePosition {
    const { line, col } = this.lineCounter.linePos(offset);
    return line === 0 ? documentStart : { line, column: col };
  }

  /** Records where the value at `path` starts. */
  recordValue(path: readonly PathSegment[], offset: number | undefined): void {
    if (offset !== undefined) this.values.set(formatPath(path), this.positionOf(offset));
  }

  /** Records where the key of the field at `path` starts. */
  recordKey(path: readonly PathSegment[], offset: number | undefined): void {
    if (offset !== undefined) this.keys.set(formatPath(path), this.positionOf(offset));
  }

  /** Position of the key at `path` (for unknown fields), else of its value or nearest ancestor. */
  locateKey(path: readonly PathSegment[]): SourcePosition {
    return this.keys.get(formatPath(path)) ?? this.locate(path);
  }

  /** Position of the value at `path`, or of its nearest recorded ancestor, or 1:1. */
  locate(path: readonly PathSegment[]): SourcePosition {
    for (let length = path.length; length >= 0; length--) {
      const found = this.values.get(formatPath(path.slice(0, length)));
      if (found) return found;
    }
    return documentStart;
  }
}

/**
 * Parses a path rendered by `formatPath` back into segments (`a.b[0]["x.y"]` → `['a','b',0,'x.y']`).
 * `(root)` is the empty path. Unparseable text yields the segments read so far.
 */
export function parsePath(text: string): PathSegment[] {
  if (text === '(root)') return [];
  const segments: PathSegment[] = [];
  const token = /^(?:\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\])/;
  let rest = text;
  while (rest.length > 0) {
    const match = token.exec(rest);
    if (!match) break;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[3] !== undefined) segments.push(String(JSON.parse(match[3])));
    rest = rest.slice(match[0].length);
  }
  return segments;
}
