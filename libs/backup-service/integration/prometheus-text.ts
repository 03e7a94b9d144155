// A strict reader of the Prometheus text exposition format (version 0.0.4) for the metrics
// integration spec: every line is a comment, blank, or `name{label="value",…} value [timestamp]`;
// anything else throws, so a malformed `/metrics` fails the test.

/** One sample of an exposition. */
export interface PrometheusSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const labelPair = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(,|$)/y;

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  labelPair.lastIndex = 0;
  while (labelPair.lastIndex < text.length) {
    const start = labelPair.lastIndex;
    const match = labelPair.exec(text);
    if (!match || labelPair.lastIndex === start) throw new Error(`malformed labels in ${JSON.stringify(line)}`);
    labels[match[1]!] = match[2]!.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
  }
  return labels;
}

function parseValue(text: string, line: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  const value = Number(text);
  if (Number.isNaN(value)) throw new Error(`malformed value in ${JSON.stringify(line)}`);
  return value;
}

/** The samples of `text`; throws naming the first line that is not valid exposition format. */
export function parsePrometheusText(text: string): PrometheusSample[] {
  const samples: PrometheusSample[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      if (line.startsWith('# TYPE ') && !/^# TYPE \S+ (counter|gauge|histogram|summary|untyped)$/.test(line)) {
        throw new Error(`malformed TYPE line ${JSON.stringify(line)}`);
      }
      continue;
    }
    const match = sampleLine.exec(line);
    if (!match) throw new Error(`malformed sample line ${JSON.stringify(line)}`);
    samples.push({ name: match[1]!, labels: match[2] ? parseLabels(match[2], line) : {}, value: parseValue(match[3]!, line) });
  }
  return samples;
}

/** The sum of the samples named `name` whose labels include `labels` (0 when there is none). */
export function sampleSum(samples: readonly PrometheusSample[], name: string, labels: Readonly<Record<string, string>> = {}): number {
  return samples
    .filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}

/** Fetches and parses `<baseUrl>/metrics`; throws on a non-200 answer or a malformed exposition. */
export async function scrapeMetrics(baseUrl: string): Promise<PrometheusSample[]> {
  const response = await fetch(`${baseUrl}/metrics`);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET ${baseUrl}/metrics answered ${response.status}: ${text}`);
  if (!(response.headers.get('content-type') ?? '').startsWith('text/plain'))
    throw new Error(`unexpected content type of ${baseUrl}/metrics`);
  return parsePrometheusText(text);
}
