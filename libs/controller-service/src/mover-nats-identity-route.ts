// The controller issues each mover its node's NATS identity (docs/architecture.md, "NATS
// security"). The Secret holding every node's password (`ferry-nats-mover`) is mounted into the
// controller only; a mover asks `GET /v1/mover-nats-credentials` with its pod's ServiceAccount
// token. The API guard checks the route's permission (`get ferry.io movernatscredentials`, granted
// to ServiceAccount ferry-mover); the node comes from the token itself — the API server writes the
// node of a pod-bound token into its TokenReview — so a pod only ever gets the identity of the node
// it runs on, and a token outlives neither its pod nor its expiry.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReviewedUser } from '@ferry/kube';
import type { Logger } from '@ferry/logger';
import { parseNatsCredentials } from '@ferry/nats';
import { callerOf, ferryApiGroup, HttpError, type RouteAccessRule } from '@ferry/service-runtime';
import type { Express } from 'express';

/** Path of the route. */
export const moverNatsCredentialsPath = '/v1/mover-nats-credentials';

/** Its permission: `get ferry.io movernatscredentials` in Ferry's namespace (ClusterRole ferry-mover grants it). */
export const moverNatsCredentialsAccess: RouteAccessRule = {
  path: moverNatsCredentialsPath,
  resource: { group: ferryApiGroup, resource: 'movernatscredentials' },
};

/** The TokenReview `extra` keys of a pod-bound ServiceAccount token (Kubernetes ≥ 1.30 adds the node). */
const BoundTokenExtra = {
  NodeName: 'authentication.kubernetes.io/node-name',
  PodName: 'authentication.kubernetes.io/pod-name',
} as const;

/** A node name (DNS-1123 subdomain): nothing else may become a file name. */
const nodeNamePattern = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * The node `caller`'s token is bound to, as its TokenReview says. Pure. Throws `HttpError` 403
 * naming why when there is no caller (`FERRY_HTTP_AUTH=none`) or the token names no single node.
 */
export function nodeOfCaller(caller: ReviewedUser | undefined): string {
  if (!caller) {
    throw new HttpError(
      403,
      'this controller cannot tell which node asks: its API runs with FERRY_HTTP_AUTH=none; run it with FERRY_HTTP_AUTH=kubernetes to issue mover NATS identities',
    );
  }
  const nodes = caller.extra?.[BoundTokenExtra.NodeName] ?? [];
  const [node] = nodes;
  if (nodes.length !== 1 || node === undefined || !nodeNamePattern.test(node)) {
    throw new HttpError(
      403,
      `the token of ${JSON.stringify(caller.username)} is not bound to a pod on a node: send the mover pod's own ServiceAccount token ` +
        '(a projected token; the API server names its node from Kubernetes 1.30)',
    );
  }
  return node;
}

/**
 * Adds `GET /v1/mover-nats-credentials`: 200 `{"user", "password"}` (not cacheable) of the caller's
 * node, read from `<credentialsDir>/<node>.json` at each request (a Secret update reaches the
 * mounted files); 403 when the token names no node (see {@link nodeOfCaller}); 404 when the
 * controller issues no identities (`credentialsDir` unset) or has none for the node. Logs who got
 * which user, never a password.
 */
export function moverNatsCredentialsRoutes(credentialsDir: string | undefined, logger: Logger): (app: Express) => void {
  return (app) => {
    app.get(moverNatsCredentialsPath, async (_req, res) => {
      const caller = callerOf(res);
      const node = nodeOfCaller(caller);
      if (!credentialsDir) {
        throw new HttpError(
          404,
          'this controller issues no mover NATS identities: mount Secret ferry-nats-mover into it and set FERRY_MOVER_NATS_CREDENTIALS_DIR to that folder',
        );
      }
      const file = join(credentialsDir, `${node}.json`);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        throw new HttpError(
          404,
          `no NATS identity for node ${node}: add the node (npm run nats:deploy-auth -- <every node>) and update Secret ferry-nats-mover`,
        );
      }
      const credentials = parseNatsCredentials(text, file);
      logger.info(
        { node, pod: caller?.extra?.[BoundTokenExtra.PodName]?.[0], caller: caller?.username, user: credentials.user },
        'issued a mover its NATS identity',
      );
      res.set('cache-control', 'no-store').json(credentials);
    });
  };
}
