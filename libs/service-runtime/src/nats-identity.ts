// Which NATS user a service connects as: the one of its mounted credentials file
// (`NATS_CREDENTIALS_FILE`), or the one an issuer gives it for its Kubernetes token
// (`NATS_CREDENTIALS_URL`: the movers ask the controller, which answers a pod-bound token with the
// identity of the pod's node, so no mover can read another node's password). The issuer may not
// answer yet (the controller starts beside the movers) or may refuse until RBAC or its Secret is
// fixed: the service asks again with growing pauses and logs why — never the token or the password.
import { setTimeout as sleep } from 'node:timers/promises';
import { authorizationHeaderOf, type KubeClient } from '@ferry/kube';
import type { Logger } from '@ferry/logger';
import { parseNatsCredentials, readNatsCredentialsFile, type NatsCredentials } from '@ferry/nats';
import { InvalidServiceConfigError } from './errors';
import type { ServiceConfig } from './service-config';

/** Pauses between asks of the issuer: doubling from the first to the longest. */
export interface IssuerRetry {
  readonly firstPauseMs: number;
  readonly longestPauseMs: number;
}

const defaultIssuerRetry: IssuerRetry = { firstPauseMs: 1_000, longestPauseMs: 15_000 };

/** How long one ask may take. */
const askTimeoutMs = 10_000;

/** The issuer's answer: the credentials, or why not (an HTTP status and the problem's detail). */
type IssuerAnswer = { readonly credentials: NatsCredentials } | { readonly status?: number; readonly detail: string };

function detailOf(text: string, status: number): string {
  try {
    const problem = JSON.parse(text) as { detail?: unknown };
    if (typeof problem.detail === 'string') return problem.detail;
  } catch {
    // Not a problem document: the status says enough.
  }
  return `HTTP ${status}`;
}

async function askIssuer(url: string, authorization: string): Promise<IssuerAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { authorization, accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(askTimeoutMs),
    });
  } catch (error) {
    return { detail: `the issuer cannot be reached: ${error instanceof Error ? error.message : String(error)}` };
  }
  const text = await response.text();
  if (!response.ok) return { status: response.status, detail: detailOf(text, response.status) };
  try {
    return { credentials: parseNatsCredentials(text, `the answer of ${url}`) };
  } catch (error) {
    return { status: response.status, detail: (error as Error).message };
  }
}

/**
 * Asks `url` for the service's NATS credentials with the bearer token of `kubeConfig`'s user (read
 * again for every ask: a pod's projected token is rotated) until it answers 200 with
 * `{"user", "password"}`. Rejects with {@link InvalidServiceConfigError} when the user has no
 * bearer token to show.
 */
export async function fetchIssuedNatsCredentials(
  url: string,
  kubeConfig: KubeClient['config'],
  logger: Logger,
  retry: IssuerRetry = defaultIssuerRetry,
): Promise<NatsCredentials> {
  let pauseMs = retry.firstPauseMs;
  for (let attempt = 1; ; attempt += 1) {
    const authorization = await authorizationHeaderOf(kubeConfig);
    if (!authorization) {
      throw new InvalidServiceConfigError(
        "NATS_CREDENTIALS_URL needs a Kubernetes bearer token to show the issuer: run with the pod's ServiceAccount token (in-cluster) or a kubeconfig user with a token",
      );
    }
    const answer = await askIssuer(url, authorization);
    if ('credentials' in answer) {
      logger.info({ url, user: answer.credentials.user, attempt }, 'NATS identity issued');
      return answer.credentials;
    }
    logger.warn({ url, status: answer.status, detail: answer.detail, attempt, retryInMs: pauseMs }, 'NATS identity not issued yet');
    await sleep(pauseMs);
    pauseMs = Math.min(pauseMs * 2, retry.longestPauseMs);
  }
}

/** The NATS credentials `config` names (a file, or an issuer asked with `kube`'s token); undefined connects anonymously. */
export async function natsCredentialsOf(config: ServiceConfig, kube: KubeClient, logger: Logger): Promise<NatsCredentials | undefined> {
  if (config.natsCredentialsFile) return readNatsCredentialsFile(config.natsCredentialsFile);
  if (config.natsCredentialsUrl) return fetchIssuedNatsCredentials(config.natsCredentialsUrl, kube.config, logger);
  return undefined;
}
