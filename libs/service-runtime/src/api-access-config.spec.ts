import { ServiceRuntimeErrorCode } from './errors';
import { readApiAccessConfig, type ApiAccessConfig } from './api-access-config';

describe('api-access-config - readApiAccessConfig', () => {
  it.each<[string, Record<string, string>, ApiAccessConfig]>([
    ['defaults: Kubernetes tokens, probes and metrics open', {}, { mode: 'kubernetes', openPaths: ['/healthz', '/readyz', '/metrics'] }],
    ['checks off', { FERRY_HTTP_AUTH: 'none' }, { mode: 'none', openPaths: ['/healthz', '/readyz', '/metrics'] }],
    ['blank mode is the default', { FERRY_HTTP_AUTH: ' ' }, { mode: 'kubernetes', openPaths: ['/healthz', '/readyz', '/metrics'] }],
    [
      'metrics behind the token',
      { FERRY_HTTP_OPEN_PATHS: '/healthz, /readyz' },
      { mode: 'kubernetes', openPaths: ['/healthz', '/readyz'] },
    ],
    ['nothing open', { FERRY_HTTP_OPEN_PATHS: '' }, { mode: 'kubernetes', openPaths: [] }],
  ])('%s', (_case, env, expected) => {
    expect(readApiAccessConfig(env)).toEqual(expected);
  });

  it.each([
    [{ FERRY_HTTP_AUTH: 'basic' }, /FERRY_HTTP_AUTH="basic" is unknown: use kubernetes .* or none/],
    [{ FERRY_HTTP_OPEN_PATHS: '/healthz,metrics' }, /FERRY_HTTP_OPEN_PATHS holds "metrics", which is not a path/],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => readApiAccessConfig(env)).toThrow(message);
    expect(() => readApiAccessConfig(env)).toThrow(expect.objectContaining({ code: ServiceRuntimeErrorCode.InvalidConfig }));
  });
});
