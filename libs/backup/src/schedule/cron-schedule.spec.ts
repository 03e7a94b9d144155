import { parseCronExpression } from './cron-schedule';

type Expected = readonly string[] | { readonly error: string } | undefined;

// Recorded from robfig/cron v3.0.1's ParseStandard (the parser Velero uses) in Go: the error
// text, or the next three runs after 2026-01-01T10:00:00Z (undefined: Go's zero time, no run).
// A panic is the text Velero's recover() puts after `invalid schedule: `.
const recorded: readonly [string, Expected][] = [
  ['', { error: 'empty spec string' }],
  ['daily', { error: 'expected exactly 5 fields, found 1: [daily]' }],
  ['* * * *', { error: 'expected exactly 5 fields, found 4: [* * * *]' }],
  ['* * * * * *', { error: 'expected exactly 5 fields, found 6: [* * * * * *]' }],
  ['60 * * * *', { error: 'end of range (60) above maximum (59): 60' }],
  ['0-60 * * * *', { error: 'end of range (60) above maximum (59): 0-60' }],
  ['5-1 * * * *', { error: 'beginning of range (5) beyond end of range (1): 5-1' }],
  ['*/0 * * * *', { error: 'step of range should be a positive number: */0' }],
  ['a * * * *', { error: 'failed to parse int from a: strconv.Atoi: parsing "a": invalid syntax' }],
  ['1-2-3 * * * *', { error: 'too many hyphens: 1-2-3' }],
  ['1/2/3 * * * *', { error: 'too many slashes: 1/2/3' }],
  ['0 0 0 * *', { error: 'beginning of range (0) below minimum (1): 0' }],
  ['0 0 * 13 *', { error: 'end of range (13) above maximum (12): 13' }],
  ['0 0 * * 7', { error: 'end of range (7) above maximum (6): 7' }],
  ['0 0 * * -1', { error: 'failed to parse int from : strconv.Atoi: parsing "": invalid syntax' }],
  ['0 0 * * 1/-1', { error: 'negative number (-1) not allowed: -1' }],
  ['0 0 * * 1-', { error: 'failed to parse int from : strconv.Atoi: parsing "": invalid syntax' }],
  [
    '99999999999999999999 * * * *',
    { error: 'failed to parse int from 99999999999999999999: strconv.Atoi: parsing "99999999999999999999": value out of range' },
  ],
  ['+5 * * * *', ['2026-01-01T10:05:00Z', '2026-01-01T11:05:00Z', '2026-01-01T12:05:00Z']],
  ['@fortnightly', { error: 'unrecognized descriptor: @fortnightly' }],
  ['@every', { error: 'unrecognized descriptor: @every' }],
  ['@every 1d', { error: 'failed to parse duration @every 1d: time: unknown unit "d" in duration "1d"' }],
  ['@every 90s', ['2026-01-01T10:01:30Z', '2026-01-01T10:03:00Z', '2026-01-01T10:04:30Z']],
  ['@every 1500ms', ['2026-01-01T10:00:01Z', '2026-01-01T10:00:02Z', '2026-01-01T10:00:03Z']],
  ['@every 10ms', ['2026-01-01T10:00:01Z', '2026-01-01T10:00:02Z', '2026-01-01T10:00:03Z']],
  ['@every -1m', ['2026-01-01T10:00:01Z', '2026-01-01T10:00:02Z', '2026-01-01T10:00:03Z']],
  ['@daily', ['2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z', '2026-01-04T00:00:00Z']],
  ['@weekly', ['2026-01-04T00:00:00Z', '2026-01-11T00:00:00Z', '2026-01-18T00:00:00Z']],
  ['@monthly', ['2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z']],
  ['@yearly', ['2027-01-01T00:00:00Z', '2028-01-01T00:00:00Z', '2029-01-01T00:00:00Z']],
  ['@hourly', ['2026-01-01T11:00:00Z', '2026-01-01T12:00:00Z', '2026-01-01T13:00:00Z']],
  ['TZ=UTC', { error: 'runtime error: slice bounds out of range [:-1]' }],
  ['TZ=Nowhere/City 0 0 * * *', { error: 'provided bad location Nowhere/City: unknown time zone Nowhere/City' }],
  ['TZ=america/new_york 0 0 * * *', { error: 'provided bad location america/new_york: unknown time zone america/new_york' }],
  ['CRON_TZ=Asia/Tokyo 0 9 * * *', ['2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z', '2026-01-04T00:00:00Z']],
  ['TZ= 0 0 * * *', ['2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z', '2026-01-04T00:00:00Z']],
  ['0 0 1,15 * 1', ['2026-01-05T00:00:00Z', '2026-01-12T00:00:00Z', '2026-01-15T00:00:00Z']],
  ['0 0 * * 1', ['2026-01-05T00:00:00Z', '2026-01-12T00:00:00Z', '2026-01-19T00:00:00Z']],
  ['0 0 */1 * 1', ['2026-01-05T00:00:00Z', '2026-01-12T00:00:00Z', '2026-01-19T00:00:00Z']],
  ['0 0 ? * 1', ['2026-01-05T00:00:00Z', '2026-01-12T00:00:00Z', '2026-01-19T00:00:00Z']],
  ['0 0 */2 * 1', ['2026-01-03T00:00:00Z', '2026-01-05T00:00:00Z', '2026-01-07T00:00:00Z']],
  ['*/15 * * * *', ['2026-01-01T10:15:00Z', '2026-01-01T10:30:00Z', '2026-01-01T10:45:00Z']],
  ['5/15 * * * *', ['2026-01-01T10:05:00Z', '2026-01-01T10:20:00Z', '2026-01-01T10:35:00Z']],
  ['0 0 30 2 *', undefined],
  [', * * * *', undefined],
  ['0 0 1 JAN,jul MON-fri', ['2026-01-02T00:00:00Z', '2026-01-05T00:00:00Z', '2026-01-06T00:00:00Z']],
  ['*-5 * * * *', ['2026-01-01T10:01:00Z', '2026-01-01T10:02:00Z', '2026-01-01T10:03:00Z']],
  [' @daily', { error: 'expected exactly 5 fields, found 1: [@daily]' }],
  ['@daily ', { error: 'unrecognized descriptor: @daily ' }],
  ['TZ=UTC  @daily', ['2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z', '2026-01-04T00:00:00Z']],
  ['0 12 * * SUN', ['2026-01-04T12:00:00Z', '2026-01-11T12:00:00Z', '2026-01-18T12:00:00Z']],
  ['1,,2 * * * *', ['2026-01-01T10:01:00Z', '2026-01-01T10:02:00Z', '2026-01-01T11:01:00Z']],
  ['TZ=Local 0 0 * * *', ['2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z', '2026-01-04T00:00:00Z']],
];

// Recorded from robfig in Go too, from the instant given: time zones and DST where croner agrees.
const recordedInZones: readonly [string, string, readonly string[]][] = [
  ['TZ=America/New_York */30 * * * *', '2026-03-08T06:40:00Z', ['2026-03-08T07:00:00Z', '2026-03-08T07:30:00Z', '2026-03-08T08:00:00Z']],
  ['TZ=Europe/Berlin 0 9 * * 1-5', '2026-03-27T12:00:00Z', ['2026-03-30T07:00:00Z', '2026-03-31T07:00:00Z', '2026-04-01T07:00:00Z']],
];

function nextRuns(spec: string, count: number, from = '2026-01-01T10:00:00Z'): Expected {
  const parsed = parseCronExpression(spec);
  if (!parsed.ok) return { error: parsed.message };
  const runs: string[] = [];
  let at = Date.parse(from);
  for (let i = 0; i < count; i++) {
    const next = parsed.schedule.next(at);
    if (next === undefined) return undefined;
    runs.push(new Date(next).toISOString().replace('.000Z', 'Z'));
    at = next;
  }
  return runs;
}

describe('cron schedule - robfig ParseStandard, recorded', () => {
  it.each(recorded)('%j', (spec, expected) => {
    expect(nextRuns(spec, 3)).toEqual(expected);
  });
});

describe('cron schedule - time zones, recorded', () => {
  it.each(recordedInZones)('%j from %s', (spec, from, expected) => {
    expect(nextRuns(spec, 3, from)).toEqual(expected);
  });

  // Where croner and robfig differ (docs/velero-compatibility.md#schedules): robfig skips a run
  // in the spring-forward gap (next 2026-03-09T06:30:00Z) and runs twice in the repeated autumn
  // hour (05:30Z and 06:30Z on 2026-11-01).
  it('a run in the skipped spring hour runs at its end; one in the repeated autumn hour runs once', () => {
    expect(nextRuns('TZ=America/New_York 30 2 * * *', 2, '2026-03-08T05:00:00Z')).toEqual(['2026-03-08T07:00:00Z', '2026-03-09T06:30:00Z']);
    expect(nextRuns('TZ=America/New_York 30 1 * * *', 2, '2026-11-01T04:00:00Z')).toEqual(['2026-11-01T05:30:00Z', '2026-11-02T06:30:00Z']);
  });
});

describe('cron schedule - next run', () => {
  it('@every counts from the previous run with its sub-second part dropped', () => {
    const parsed = parseCronExpression('@every 1m');
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.schedule.next(Date.parse('2026-01-01T10:00:00.750Z'))).toBe(Date.parse('2026-01-01T10:01:00Z'));
  });

  it('a five-field expression never returns the instant it is asked from', () => {
    const parsed = parseCronExpression('* * * * *');
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.schedule.next(Date.parse('2026-01-01T10:00:00Z'))).toBe(Date.parse('2026-01-01T10:01:00Z'));
    expect(parsed.schedule.next(Date.parse('2026-01-01T10:00:59.500Z'))).toBe(Date.parse('2026-01-01T10:01:00Z'));
  });
});
