import { BackupRuleError } from '../errors';
import { durationProblems, effectiveDurations, veleroDurationDefaults } from './backup-durations';

describe('backup durations - effectiveDurations', () => {
  it.each<[string, string | undefined, string, boolean]>([
    ['absent ttl', undefined, '720h0m0s', true],
    ['empty ttl', '', '720h0m0s', true],
    ['the CLI zero', '0s', '720h0m0s', true],
    ['bare zero', '0', '720h0m0s', true],
    ['zero minutes', '0m', '720h0m0s', true],
    ['negative zero', '-0h', '720h0m0s', true],
    ['a day', '24h', '24h0m0s', false],
    ['minutes and seconds', '90m30s', '1h30m30s', false],
    ['negative (kept, as Velero)', '-1h', '-1h0m0s', false],
  ])('%s: ttl %j runs as %s', (_, ttl, text, defaulted) => {
    expect(effectiveDurations({ ttl }).ttl).toMatchObject({ text, defaulted });
  });

  it('defaults every zero field to 720h, 10m and 4h (the CLI posts "0s" for each)', () => {
    const durations = effectiveDurations({ ttl: '0s', csiSnapshotTimeout: '0s', itemOperationTimeout: '0s' });
    expect(durations).toEqual({
      ttl: { nanoseconds: 2_592_000_000_000_000n, milliseconds: 2_592_000_000, text: '720h0m0s', defaulted: true },
      csiSnapshotTimeout: { nanoseconds: 600_000_000_000n, milliseconds: 600_000, text: '10m0s', defaulted: true },
      itemOperationTimeout: { nanoseconds: 14_400_000_000_000n, milliseconds: 14_400_000, text: '4h0m0s', defaulted: true },
    });
  });

  it('uses the given server defaults', () => {
    const durations = effectiveDurations({}, { ...veleroDurationDefaults, ttl: 3_600_000_000_000n });
    expect(durations.ttl.text).toBe('1h0m0s');
  });

  it('keeps sub-millisecond precision in nanoseconds and rounds milliseconds down', () => {
    expect(effectiveDurations({ csiSnapshotTimeout: '1.0015ms' }).csiSnapshotTimeout).toEqual({
      nanoseconds: 1_001_500n,
      milliseconds: 1,
      text: '1.0015ms',
      defaulted: false,
    });
  });

  it('throws a coded error for a field that is not a Go duration', () => {
    expect(() => effectiveDurations({ itemOperationTimeout: '1d' })).toThrow(BackupRuleError);
    expect(() => effectiveDurations({ itemOperationTimeout: '1d' })).toThrow(
      'Backup spec.itemOperationTimeout "1d": time: unknown unit "d" in duration "1d"',
    );
  });
});

describe('backup durations - durationProblems', () => {
  it.each<[string, Record<string, string | undefined>, string[]]>([
    ['none', { ttl: '1h', csiSnapshotTimeout: '', itemOperationTimeout: undefined }, []],
    ['ttl without unit', { ttl: '30' }, ['ttl: time: missing unit in duration "30"']],
    [
      'all three, in field order',
      { itemOperationTimeout: 'x', ttl: '1d', csiSnapshotTimeout: ' 1m' },
      [
        'ttl: time: unknown unit "d" in duration "1d"',
        'csiSnapshotTimeout: time: invalid duration " 1m"',
        'itemOperationTimeout: time: invalid duration "x"',
      ],
    ],
  ])('%s', (_, spec, expected) => {
    expect(durationProblems(spec).map((problem) => `${problem.field}: ${problem.message}`)).toEqual(expected);
  });
});
