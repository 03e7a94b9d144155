import { logrusTextLine, LogLevel } from './logrus-text-line';

const at = new Date('2026-12-06T19:30:05.123Z');

describe('logrusTextLine - logrus text format', () => {
  it.each([
    [
      'fixed keys first, message quoted',
      { time: at, level: LogLevel.Info, message: 'Setting up backup log' },
      'time="2026-12-06T19:30:05Z" level=info msg="Setting up backup log"\n',
    ],
    [
      'fields sorted, plain values unquoted',
      { time: at, level: LogLevel.Warning, message: 'done', fields: { name: 'a', backup: 'velero/b-1' } },
      'time="2026-12-06T19:30:05Z" level=warning msg=done backup=velero/b-1 name=a\n',
    ],
    [
      'empty value unquoted, numbers plain',
      { time: at, level: LogLevel.Error, message: 'x', fields: { namespace: '', items: 3 } },
      'time="2026-12-06T19:30:05Z" level=error msg=x items=3 namespace=\n',
    ],
    [
      'quoted values escaped as Go %q',
      { time: at, level: LogLevel.Error, message: 'a "b"\nc', fields: { error: 'x y' } },
      'time="2026-12-06T19:30:05Z" level=error msg="a \\"b\\"\\nc" error="x y"\n',
    ],
  ])('%s', (_name, entry, expected) => {
    expect(logrusTextLine(entry)).toBe(expected);
  });
});
