// The express middleware that puts an `ApiAccess` guard in front of every route but the open
// paths: 401, 403 and 503 are RFC 9457 problems, as every other error of the API.
import type { RequestHandler, Response } from 'express';
import type { ReviewedUser } from '@ferry/kube';
import type { Logger } from '@ferry/logger';
import type { ApiAccess } from './api-access';
import { problemContentType, problemOf } from './problem-details';
import { requestAttributes, type RouteAccessRule } from './route-access';

/** A service's API guard, the permission of each of its routes, and the namespace it serves. */
export interface HttpAccess {
  readonly api: ApiAccess;
  /** Routes without a rule are checked as non-resource URLs (path and verb). */
  readonly rules: readonly RouteAccessRule[];
  /** The namespace of a rule without namespace parameter (the service's, Ferry's). */
  readonly namespace: string;
}

/** Where an allowed request's caller is kept for its route (`res.locals`). */
const callerLocal = 'ferryCaller';

/**
 * The caller of an allowed request as the TokenReview named it (user, groups and `extra`, e.g. the
 * node of a pod-bound ServiceAccount token); undefined on open paths and with `FERRY_HTTP_AUTH=none`.
 */
export function callerOf(res: Response): ReviewedUser | undefined {
  return res.locals[callerLocal] as ReviewedUser | undefined;
}

function sendProblem(res: Response, status: number, detail: string): void {
  if (status === 401) res.set('WWW-Authenticate', 'Bearer');
  res
    .status(status)
    .type(problemContentType)
    .send(JSON.stringify(problemOf(status, detail)));
}

/**
 * Passes requests for open paths at once; every other waits for `access.api.decide` with the
 * `Authorization` header and the route's attributes: allowed → next (the caller kept for
 * {@link callerOf}), else 401 (no or unaccepted
 * token, with `WWW-Authenticate: Bearer`), 403 (naming the user, verb and resource) or 503 (the
 * review could not be made; logged without the header). Never logs a token.
 */
export function accessMiddleware(access: HttpAccess, logger: Logger): RequestHandler {
  return (req, res, next) => {
    if (access.api.isOpen(req.path)) {
      next();
      return;
    }
    const attributes = requestAttributes(access.rules, { method: req.method, path: req.path }, access.namespace);
    void access.api.decide(req.get('authorization'), attributes).then((decision) => {
      switch (decision.outcome) {
        case 'allowed':
          res.locals[callerLocal] = decision.user;
          next();
          return;
        case 'unauthenticated':
          sendProblem(res, 401, decision.detail);
          return;
        case 'forbidden':
          logger.debug({ user: decision.username, method: req.method, path: req.path }, 'API request forbidden');
          sendProblem(res, 403, decision.detail);
          return;
        case 'unavailable':
          logger.warn({ err: decision.cause, method: req.method, path: req.path }, 'API request not checked: review failed');
          sendProblem(res, 503, decision.detail);
      }
    });
  };
}
