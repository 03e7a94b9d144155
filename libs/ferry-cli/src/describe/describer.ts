// Velero's `output.Describer`: text written line by line with tab-separated cells, aligned at the
// end by Go's tabwriter (padding 2), so a leading tab is a two-space indent and `Name:\tvalue`
// lines of one block share a column. Pure.
import { alignTabs, describerTabwriter } from '../format/go-tabwriter';
import { emptyDisplay } from '../format/go-values';

/** What describers print of an object's metadata. */
export interface DescribedMetadata {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A text buffer with Velero's describe helpers; `render()` aligns it. */
export class Describer {
  private text = '';
  /** Go's `Describer.Prefix`: written before every `print` and `line`. */
  private prefix = '';

  /** Appends the prefix and `text` (cells separated by tabs; include the newline). */
  print(text: string): void {
    this.text += `${this.prefix}${text}`;
  }

  /** Appends the prefix, `text` and a newline (Go's `Println`); an empty line ends every column block. */
  line(text = ''): void {
    this.text += `${this.prefix}${text}\n`;
  }

  /** Runs `describe` with `prefix` before every print (Velero sets `d.Prefix = "\t"` around a nested block). */
  withPrefix(prefix: string, describe: () => void): void {
    const outer = this.prefix;
    this.prefix = prefix;
    try {
      describe();
    } finally {
      this.prefix = outer;
    }
  }

  /** `DescribeMetadata`: Name, Namespace, Labels and Annotations. */
  metadata(metadata: DescribedMetadata): void {
    this.print(`Name:\t${metadata.name ?? ''}\n`);
    this.print(`Namespace:\t${metadata.namespace ?? ''}\n`);
    this.map('Labels', metadata.labels);
    this.map('Annotations', metadata.annotations);
  }

  /** `DescribeMap`: `name:\tk=v` for the first key (sorted), `\tk=v` for the rest, `<none>` when empty. */
  map(name: string, values: Readonly<Record<string, string>> | undefined): void {
    this.print(`${name}:\t`);
    const keys = Object.keys(values ?? {}).sort();
    if (keys.length === 0) {
      this.print(`${emptyDisplay}\n`);
      return;
    }
    keys.forEach((key, index) => this.print(`${index === 0 ? '' : '\t'}${key}=${values?.[key] ?? ''}\n`));
  }

  /** `DescribeSlice`: `name:\t` then one value per line under `preindent` tabs (Velero's quirks kept). */
  slice(preindent: number, name: string, values: readonly string[] | undefined): void {
    const pretab = '\t'.repeat(preindent);
    this.print(`${pretab}${name}:\t`);
    if (!values || values.length === 0) {
      this.print(`${pretab}${emptyDisplay}\n`);
      return;
    }
    values.forEach((value, index) => this.print(`${index === 0 ? '' : `${pretab}\t`}${value}\n`));
  }

  /** The aligned text. */
  render(): string {
    return alignTabs(this.text, describerTabwriter);
  }
}
