import { effectiveServiceName, telemetryDisabled, traceExportDisabled } from './telemetry-config';

describe('telemetry-config - environment', () => {
  it.each([
    [{ OTEL_SDK_DISABLED: 'true' }, true],
    [{ OTEL_SDK_DISABLED: ' TRUE ' }, true],
    [{ OTEL_SDK_DISABLED: 'false' }, false],
    [{ OTEL_SDK_DISABLED: '1' }, false],
    [{}, false],
  ])('telemetryDisabled(%j) is %s', (env, expected) => {
    expect(telemetryDisabled(env)).toBe(expected);
  });

  it('reads OTEL_TRACES_EXPORTER=none', () => {
    expect(traceExportDisabled({ OTEL_TRACES_EXPORTER: 'none' })).toBe(true);
    expect(traceExportDisabled({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe(false);
    expect(traceExportDisabled({})).toBe(false);
  });

  it('lets OTEL_SERVICE_NAME override the service name', () => {
    expect(effectiveServiceName('mover', {})).toBe('mover');
    expect(effectiveServiceName('mover', { OTEL_SERVICE_NAME: 'mover-eu' })).toBe('mover-eu');
    expect(effectiveServiceName('mover', { OTEL_SERVICE_NAME: ' ' })).toBe('mover');
  });
});
