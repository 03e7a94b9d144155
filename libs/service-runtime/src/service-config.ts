import { LogLevel } from '@ferry/logger';
import { InvalidServiceConfigError } from './errors';

/** What every Ferry service reads from its environment. */
export interface ServiceConfig {
  /** `NATS_URL`: comma-separated server URLs. */
  readonly natsUrls: readonly string[];
  /**
   * `FERRY_NATS_NAMESPACE`: first token of every subject and prefix of the stream names, default
   * `ferry`; two Ferry installations (or isolated test runs) can share one NATS with different ones.
   */
  readonly natsNamespace: string;
  /** `FERRY_NAMESPACE`: where Ferry's (Velero's) resources live; default `velero`. */
  readonly namespace: string;
  /** `KUBECONFIG`: a kubeconfig file; unset means the pod's service account (in-cluster). */
  readonly kubeconfigPath?: string;
  /** `HTTP_PORT`: the service's HTTP API; default 8080, 0 = any free port. */
  readonly httpPort: number;
  /** `HTTP_HOST`: address the HTTP API binds; default 0.0.0.0. */
  readonly httpHost: string;
  /** `LOG_LEVEL`: default info. */
  readonly logLevel: LogLevel;
  /**
   * `NATS_CREDENTIALS_FILE`: the service's NATS user and password (a mounted Secret,
   * `{"user": …, "password": …}`); unset connects anonymously, which a secured server refuses.
   */
  readonly natsCredentialsFile?: string;
  /**
   * `NATS_CREDENTIALS_URL`: where the service asks for its NATS user and password instead, showing
   * its Kubernetes token (the movers: the controller's `GET /v1/mover-nats-credentials` answers a
   * pod-bound token with the identity of the pod's node). Not with `NATS_CREDENTIALS_FILE`.
   */
  readonly natsCredentialsUrl?: string;
  /** `NATS_TLS_CA_FILE`, `NATS_TLS_CERT_FILE`, `NATS_TLS_KEY_FILE`: TLS to NATS; none set = plain TCP. */
  readonly natsTls?: { readonly caFile?: string; readonly certFile?: string; readonly keyFile?: string };
}

function natsTlsConfig(env: Readonly<Record<string, string | undefined>>): Pick<ServiceConfig, 'natsTls'> {
  const files = {
    caFile: env['NATS_TLS_CA_FILE']?.trim() || undefined,
    certFile: env['NATS_TLS_CERT_FILE']?.trim() || undefined,
    keyFile: env['NATS_TLS_KEY_FILE']?.trim() || undefined,
  };
  if ((files.certFile === undefined) !== (files.keyFile === undefined)) {
    throw new InvalidServiceConfigError(
      'NATS_TLS_CERT_FILE and NATS_TLS_KEY_FILE go together: set both for a client certificate, or neither',
    );
  }
  const set = Object.fromEntries(Object.entries(files).filter(([, value]) => value !== undefined));
  return Object.keys(set).length === 0 ? {} : { natsTls: set };
}

/**
 * Reads and checks the service configuration from `env`. Pure. Throws
 * {@link InvalidServiceConfigError} naming the variable and the fix when a value is missing or bad.
 */
export function readServiceConfig(env: Readonly<Record<string, string | undefined>>): ServiceConfig {
  const natsUrl = env['NATS_URL']?.trim();
  if (!natsUrl)
    throw new InvalidServiceConfigError('NATS_URL is not set: give the NATS server URL, e.g. NATS_URL=nats://nats.velero.svc:4222');
  const port = env['HTTP_PORT'] === undefined || env['HTTP_PORT'] === '' ? 8080 : Number(env['HTTP_PORT']);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidServiceConfigError(`HTTP_PORT=${JSON.stringify(env['HTTP_PORT'])} is not a port: use an integer from 0 to 65535`);
  }
  const logLevel = env['LOG_LEVEL'] ?? LogLevel.Info;
  if (!Object.values<string>(LogLevel).includes(logLevel)) {
    throw new InvalidServiceConfigError(
      `LOG_LEVEL=${JSON.stringify(logLevel)} is unknown: use one of ${Object.values(LogLevel).join(', ')}`,
    );
  }
  const kubeconfigPath = env['KUBECONFIG']?.trim() || undefined;
  const natsCredentialsFile = env['NATS_CREDENTIALS_FILE']?.trim() || undefined;
  const natsCredentialsUrl = env['NATS_CREDENTIALS_URL']?.trim() || undefined;
  if (natsCredentialsFile && natsCredentialsUrl) {
    throw new InvalidServiceConfigError(
      'NATS_CREDENTIALS_FILE and NATS_CREDENTIALS_URL are both set: a service has one NATS identity, from a mounted file or from its issuer; unset one',
    );
  }
  if (natsCredentialsUrl && !/^https?:\/\/[^/]/.test(natsCredentialsUrl)) {
    throw new InvalidServiceConfigError(
      `NATS_CREDENTIALS_URL=${JSON.stringify(natsCredentialsUrl)} is not an http(s) URL: use e.g. http://ferry-controller.velero.svc:8080/v1/mover-nats-credentials`,
    );
  }
  return {
    natsUrls: natsUrl
      .split(',')
      .map((url) => url.trim())
      .filter(Boolean),
    natsNamespace: env['FERRY_NATS_NAMESPACE']?.trim() || 'ferry',
    namespace: env['FERRY_NAMESPACE']?.trim() || 'velero',
    ...(kubeconfigPath ? { kubeconfigPath } : {}),
    httpPort: port,
    httpHost: env['HTTP_HOST']?.trim() || '0.0.0.0',
    logLevel: logLevel as LogLevel,
    ...(natsCredentialsFile ? { natsCredentialsFile } : {}),
    ...(natsCredentialsUrl ? { natsCredentialsUrl } : {}),
    ...natsTlsConfig(env),
  };
}
