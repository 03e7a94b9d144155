// Go's text/tabwriter, as Velero's describers (minwidth 0, padding 2) and kubectl's table printer
// (minwidth 6, padding 3) use it: cells are tab-terminated, a column block is a run of adjacent
// lines that have a cell in that column, each cell is padded to the block's widest cell plus the
// padding, and the text after a line's last tab is never padded. Pure.

/** Column settings of one writer. */
export interface TabwriterSettings {
  /** Minimal cell width including padding. */
  readonly minWidth: number;
  /** Spaces added to the widest cell of a block. */
  readonly padding: number;
}

/** Velero's describers: `tabwriter.Writer.Init(buf, 0, 8, 2, ' ', 0)`. */
export const describerTabwriter: TabwriterSettings = { minWidth: 0, padding: 2 };
/** kubectl's table printer that `velero … get` uses: `tabwriter.NewWriter(out, 6, 4, 3, ' ', 0)`. */
export const tableTabwriter: TabwriterSettings = { minWidth: 6, padding: 3 };

/** Width Go counts for a cell: runes (code points). */
const runeWidth = (text: string): number => [...text].length;

function formatBlock(
  lines: readonly string[][],
  widths: number[],
  first: number,
  last: number,
  settings: TabwriterSettings,
  out: string[],
): void {
  const column = widths.length;
  let start = first;
  for (let index = first; index < last; index++) {
    if (column >= (lines[index]?.length ?? 0) - 1) continue;
    emitLines(lines, widths, start, index, out);
    start = index;
    let width = settings.minWidth;
    for (; index < last; index++) {
      const line = lines[index] ?? [];
      if (column >= line.length - 1) break;
      width = Math.max(width, runeWidth(line[column] ?? '') + settings.padding);
    }
    widths.push(width);
    formatBlock(lines, widths, start, index, settings, out);
    widths.pop();
    start = index;
    index -= 1;
  }
  emitLines(lines, widths, start, last, out);
}

function emitLines(lines: readonly string[][], widths: readonly number[], from: number, to: number, out: string[]): void {
  for (let index = from; index < to; index++) {
    const cells = lines[index] ?? [];
    out.push(
      cells
        .map((cell, column) =>
          column < widths.length && column < cells.length - 1 ? cell.padEnd(cell.length + (widths[column] ?? 0) - runeWidth(cell)) : cell,
        )
        .join(''),
    );
  }
}

/**
 * Aligns `text` (lines of tab-terminated cells, `\n`-separated) as Go's tabwriter does with
 * `settings` and a space pad character. A trailing newline is kept. Pure.
 */
export function alignTabs(text: string, settings: TabwriterSettings = describerTabwriter): string {
  const trailingNewline = text.endsWith('\n');
  const body = trailingNewline ? text.slice(0, -1) : text;
  const lines = body.split('\n').map((line) => line.split('\t'));
  const out: string[] = [];
  formatBlock(lines, [], 0, lines.length, settings, out);
  return out.join('\n') + (trailingNewline ? '\n' : '');
}
