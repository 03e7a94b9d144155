// A Schedule's cron expression as Velero reads it: robfig/cron v3's ParseStandard (five fields,
// the descriptors @yearly/@annually/@monthly/@weekly/@daily/@midnight/@hourly and @every <Go
// duration>, an optional `TZ=`/`CRON_TZ=` prefix) with robfig's error texts. What robfig accepts
// is checked here; the calendar stepping (months, weekdays, time zones, DST) is croner's, fed
// the explicit value lists robfig's parser produced, so both agree on what matches. Pure.
import { Cron } from 'croner';
import { parseDuration } from '@ferry/kube-values';
import { readCronField, standardCronFields, type CronFieldValues } from './cron-fields';

/** A parsed cron expression. */
export interface CronSchedule {
  /**
   * The first run strictly after `afterMs` (robfig's `Schedule.Next`), or undefined when the
   * expression matches no time (`0 0 30 2 *`, an empty field).
   */
  next(afterMs: number): number | undefined;
}

/** A cron expression read, or robfig's error text (without Velero's `invalid schedule: ` prefix). */
export type CronParseResult = { readonly ok: true; readonly schedule: CronSchedule } | { readonly ok: false; readonly message: string };

/** The descriptors robfig accepts, as the five fields they stand for. */
const descriptors: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const every = '@every ';

/**
 * The time zone a `TZ=` prefix names, or the problem as Go's time.LoadLocation says it. `''` and
 * `UTC` are UTC; `Local` is the server's zone, which is UTC in Ferry's (and Velero's) container.
 * Go's zone lookup is case-sensitive, so a name that only matches in another case is unknown.
 */
function loadLocation(name: string): { ok: true; zone: string } | { ok: false; message: string } {
  if (name === '' || name === 'UTC' || name === 'Local') return { ok: true, zone: 'UTC' };
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    const sameButCase = resolved !== name && resolved.toLowerCase() === name.toLowerCase();
    if (!sameButCase) return { ok: true, zone: name };
  } catch {
    // An unknown zone: Intl throws a RangeError.
  }
  return { ok: false, message: `provided bad location ${name}: unknown time zone ${name}` };
}

/** robfig's `@every <d>`: `d` rounded down to whole seconds, at least one second, from the previous run. */
function everySchedule(descriptor: string): CronParseResult {
  const parsed = parseDuration(descriptor.slice(every.length));
  if (!parsed.ok) return { ok: false, message: `failed to parse duration ${descriptor}: ${parsed.message}` };
  const seconds = parsed.nanoseconds < 1_000_000_000n ? 1n : parsed.nanoseconds / 1_000_000_000n;
  const delayMs = Number(seconds) * 1000;
  return { ok: true, schedule: { next: (afterMs) => afterMs - (((afterMs % 1000) + 1000) % 1000) + delayMs } };
}

/** One field for croner: `*` when robfig set the star bit, else the explicit values. */
function cronerField(field: CronFieldValues): string {
  return field.star ? '*' : field.values.join(',');
}

/** The schedule of five fields read in `zone`. */
function fieldsSchedule(fields: readonly string[], zone: string): CronParseResult {
  const read: CronFieldValues[] = [];
  for (const [index, bounds] of standardCronFields.entries()) {
    const result = readCronField(fields[index] ?? '', bounds);
    if (!result.ok) return result;
    read.push(result.field);
  }
  if (read.some((field) => field.values.length === 0)) return { ok: true, schedule: { next: () => undefined } };
  const cron = new Cron(read.map(cronerField).join(' '), { timezone: zone, mode: '5-part' });
  return {
    ok: true,
    schedule: {
      next: (afterMs) => cron.nextRun(new Date(afterMs))?.getTime(),
    },
  };
}

/** robfig's `[a b c]` (Go's `%s` of a string slice). */
function goStrings(items: readonly string[]): string {
  return `[${items.join(' ')}]`;
}

/**
 * Reads `spec` as robfig/cron's ParseStandard does. Errors are robfig's (`expected exactly 5
 * fields, found 1: [daily]`, `unrecognized descriptor: @fortnightly`, `failed to parse duration
 * @every 1d: time: unknown unit "d" in duration "1d"`), including the text of the panic Go
 * raises for a `TZ=` prefix with nothing after it. Pure.
 */
export function parseCronExpression(spec: string): CronParseResult {
  if (spec.length === 0) return { ok: false, message: 'empty spec string' };
  let zone = 'UTC';
  let rest = spec;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    if (space < 0) return { ok: false, message: 'runtime error: slice bounds out of range [:-1]' };
    const location = loadLocation(spec.slice(spec.indexOf('=') + 1, space));
    if (!location.ok) return location;
    zone = location.zone;
    rest = spec.slice(space).trim();
  }
  if (rest.startsWith('@')) {
    const fields = descriptors[rest];
    if (fields !== undefined) return fieldsSchedule(fields.split(' '), zone);
    if (rest.startsWith(every)) return everySchedule(rest);
    return { ok: false, message: `unrecognized descriptor: ${rest}` };
  }
  const fields = rest.split(/\s+/).filter((field) => field !== '');
  if (fields.length !== standardCronFields.length) {
    return { ok: false, message: `expected exactly 5 fields, found ${fields.length}: ${goStrings(fields)}` };
  }
  return fieldsSchedule(fields, zone);
}
