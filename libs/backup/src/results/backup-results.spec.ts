import {
  BackupResultsBuilder,
  emptyBackupResult,
  encodeBackupResults,
  mergeBackupResults,
  mergeResults,
  resultCount,
  resultLogText,
  ResultLevel,
  type BackupResult,
  type ResultLogFields,
} from './backup-results';

describe("backup results - log line text as Velero's log hook writes it", () => {
  it.each<[ResultLogFields, string]>([
    [{ message: 'boom' }, ' message: /boom'],
    [{ message: 'm', error: 'e' }, ' message: /m error: /e'],
    [{ resource: 'pods', name: 'web-0', message: 'Skipping', namespace: 'app' }, ' resource: /pods name: /web-0 message: /Skipping'],
  ])('%j', (fields, text) => {
    expect(resultLogText(fields)).toBe(text);
  });
});

describe('backup results - builder', () => {
  it('routes messages to velero, cluster and namespaces and counts them', () => {
    const builder = new BackupResultsBuilder()
      .velero(ResultLevel.Warning, 'hook skipped')
      .cluster(ResultLevel.Error, 'node failed')
      .namespace(ResultLevel.Error, 'app', 'pod failed')
      .namespace(ResultLevel.Error, '', 'pv failed')
      .log(ResultLevel.Error, { namespace: 'app', message: 'again' })
      .log(ResultLevel.Warning, { message: 'no namespace' });
    expect(builder.build()).toEqual({
      errors: { velero: [], cluster: ['node failed', 'pv failed'], namespaces: { app: ['pod failed', ' message: /again'] } },
      warnings: { velero: ['hook skipped', ' message: /no namespace'], cluster: [], namespaces: {} },
    });
    expect([builder.count(ResultLevel.Error), builder.count(ResultLevel.Warning)]).toEqual([4, 2]);
  });

  it('returns copies', () => {
    const builder = new BackupResultsBuilder().velero(ResultLevel.Error, 'a');
    const first = builder.build();
    builder.velero(ResultLevel.Error, 'b');
    expect(first.errors.velero).toEqual(['a']);
  });
});

describe('backup results - merge and count', () => {
  const a: BackupResult = { velero: ['v1'], cluster: [], namespaces: { x: ['x1'] } };
  const b: BackupResult = { velero: ['v2'], cluster: ['c1'], namespaces: { x: ['x2'], y: ['y1'] } };
  it('appends part by part, as Result.Merge', () => {
    expect(mergeResults(a, b)).toEqual({ velero: ['v1', 'v2'], cluster: ['c1'], namespaces: { x: ['x1', 'x2'], y: ['y1'] } });
  });
  it('merges whole documents', () => {
    const merged = mergeBackupResults({ errors: a, warnings: emptyBackupResult }, { errors: emptyBackupResult, warnings: b });
    expect([resultCount(merged.errors), resultCount(merged.warnings)]).toEqual([2, 4]);
  });
});

describe('backup results - JSON as Go writes it', () => {
  it.each<[string, ReturnType<BackupResultsBuilder['build']>, string]>([
    ['empty', new BackupResultsBuilder().build(), '{"errors":{},"warnings":{}}\n'],
    [
      'every part, struct order, namespaces sorted bytewise, HTML escaped',
      {
        errors: { velero: ['<v>'], cluster: ['c & d'], namespaces: { b: ['1'], a: ['2'], B: ['3'], '10': ['4'], '9': ['5'] } },
        warnings: { velero: [], cluster: [], namespaces: { empty: [] } },
      },
      '{"errors":{"velero":["\\u003cv\\u003e"],"cluster":["c \\u0026 d"],"namespaces":{"10":["4"],"9":["5"],"B":["3"],"a":["2"],"b":["1"]}},"warnings":{}}\n',
    ],
  ])('%s', (_, results, json) => {
    expect(encodeBackupResults(results)).toBe(json);
  });
});
