import { traceOf } from './describe-command';

const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('describe command - the trace of an object', () => {
  it.each([
    ['no annotations', undefined, {}, undefined],
    ['a malformed traceparent', { 'ferry.io/traceparent': 'nonsense' }, {}, undefined],
    ['a traceparent', { 'ferry.io/traceparent': traceparent }, {}, { id: '4bf92f3577b34da6a3ce929d0e0e4736' }],
    [
      'a traceparent and --jaeger-url',
      { 'ferry.io/traceparent': traceparent },
      { jaegerUrl: 'http://jaeger:16686' },
      { id: '4bf92f3577b34da6a3ce929d0e0e4736', url: 'http://jaeger:16686/trace/4bf92f3577b34da6a3ce929d0e0e4736' },
    ],
  ])('%s', (_name, annotations, options, expected) => {
    expect(traceOf({ metadata: { ...(annotations ? { annotations } : {}) } }, { namespace: 'velero', ...options })).toEqual(expected);
  });
});
