import { InvalidServiceConfigError } from './errors';
import { readServiceConfig } from './service-config';

describe('service config - read from the environment', () => {
  it('applies defaults and splits NATS URLs', () => {
    expect(readServiceConfig({ NATS_URL: 'nats://a:4222, nats://b:4222' })).toEqual({
      natsUrls: ['nats://a:4222', 'nats://b:4222'],
      natsNamespace: 'ferry',
      namespace: 'velero',
      httpPort: 8080,
      httpHost: '0.0.0.0',
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    expect(
      readServiceConfig({
        NATS_URL: 'nats://n',
        FERRY_NATS_NAMESPACE: 'ferry-b',
        FERRY_NAMESPACE: 'backup',
        KUBECONFIG: '/k',
        HTTP_PORT: '0',
        HTTP_HOST: '127.0.0.1',
        LOG_LEVEL: 'debug',
        NATS_CREDENTIALS_FILE: '/etc/ferry/nats/credentials.json',
        NATS_TLS_CA_FILE: '/etc/ferry/nats-tls/ca.crt',
        NATS_TLS_CERT_FILE: '/etc/ferry/nats-tls/tls.crt',
        NATS_TLS_KEY_FILE: '/etc/ferry/nats-tls/tls.key',
      }),
    ).toEqual({
      natsUrls: ['nats://n'],
      natsNamespace: 'ferry-b',
      namespace: 'backup',
      kubeconfigPath: '/k',
      httpPort: 0,
      httpHost: '127.0.0.1',
      logLevel: 'debug',
      natsCredentialsFile: '/etc/ferry/nats/credentials.json',
      natsTls: { caFile: '/etc/ferry/nats-tls/ca.crt', certFile: '/etc/ferry/nats-tls/tls.crt', keyFile: '/etc/ferry/nats-tls/tls.key' },
    });
  });

  it('reads the NATS identity issuer instead of a credentials file', () => {
    const url = 'http://ferry-controller.velero.svc:8080/v1/mover-nats-credentials';
    expect(readServiceConfig({ NATS_URL: 'nats://n', NATS_CREDENTIALS_URL: ` ${url} ` })).toMatchObject({ natsCredentialsUrl: url });
  });

  it.each([
    [{}, /NATS_URL is not set/],
    [{ NATS_URL: 'nats://n', NATS_TLS_CERT_FILE: '/c' }, /NATS_TLS_CERT_FILE and NATS_TLS_KEY_FILE go together/],
    [{ NATS_URL: 'nats://n', HTTP_PORT: 'eighty' }, /HTTP_PORT="eighty" is not a port: use an integer from 0 to 65535/],
    [{ NATS_URL: 'nats://n', HTTP_PORT: '70000' }, /HTTP_PORT="70000"/],
    [{ NATS_URL: 'nats://n', LOG_LEVEL: 'loud' }, /LOG_LEVEL="loud" is unknown: use one of/],
    [
      { NATS_URL: 'nats://n', NATS_CREDENTIALS_FILE: '/f', NATS_CREDENTIALS_URL: 'http://c/v1/mover-nats-credentials' },
      /NATS_CREDENTIALS_FILE and NATS_CREDENTIALS_URL are both set: .* unset one/,
    ],
    [{ NATS_URL: 'nats://n', NATS_CREDENTIALS_URL: 'controller:8080' }, /NATS_CREDENTIALS_URL="controller:8080" is not an http\(s\) URL/],
  ])('rejects %j naming the variable and the fix', (env, message) => {
    expect(() => readServiceConfig(env)).toThrow(InvalidServiceConfigError);
    expect(() => readServiceConfig(env)).toThrow(message);
  });
});
