// The policy service's HTTP API (mounted by service-runtime's startHttpServer, which adds
// /healthz, /readyz and RFC 9457 problem answers). Bad bodies are 400 problems with `details:[{path,message}]`.
import { ferryApiGroup, HttpError, type RouteAccessRule } from '@ferry/service-runtime';
import { isDocumentRefusal, PolicyIssueCode, type PolicyIssue } from '@ferry/volume-policy';
import type { Express, Response } from 'express';
import type { BackupToPlan } from './backup-planner';
import { BackupNotFoundError, ClusterReadError, InvalidGlobalPoliciesError, InvalidResourcePoliciesError } from './errors';
import type { BackupPlan } from './plan-message';
import { evaluatePolicyDocument, validatePolicyDocument } from './policy-dry-run';
import { checkBody, checkPlanBody, evaluateBodySchema, validateBodySchema, type BodyCheck } from './request-schemas';

/** Paths of the HTTP API. */
export const PolicyHttpPath = {
  Validate: '/v1/policies/validate',
  Evaluate: '/v1/policies/evaluate',
  Plan: '/v1/backups/plan',
} as const;

/**
 * The permission each route needs (verb from the method: `create`), in the service's namespace;
 * ClusterRole `ferry-api-planner` (deploy/base) grants them.
 */
export const policyRouteAccess: readonly RouteAccessRule[] = [
  { path: PolicyHttpPath.Validate, resource: { group: ferryApiGroup, resource: 'policies', subresource: 'validate' } },
  { path: PolicyHttpPath.Evaluate, resource: { group: ferryApiGroup, resource: 'policies', subresource: 'evaluate' } },
  { path: PolicyHttpPath.Plan, resource: { group: ferryApiGroup, resource: 'backups', subresource: 'plan' } },
];

/** Plans a Backup (see `planBackup`); `signal` aborts its API requests (the HTTP client went away). */
export type BackupPlanner = (target: BackupToPlan, signal?: AbortSignal) => Promise<BackupPlan>;

/**
 * Adds the routes: `POST /v1/policies/validate` (200 `{valid, volumePolicies, issues}` for a valid
 * or invalid document; 422 for an alias bomb and 413 for a document over 1 MiB, refused unread),
 * `POST /v1/policies/evaluate` (200 per-volume matches; 422 `{error, details: issues}` for an
 * invalid document), `POST /v1/backups/plan` (200 the plan; 404 no such Backup; 422 the Backup's
 * policies are invalid, Velero-style message and issues; 503 the cluster or the global policies
 * are unavailable).
 */
export function policyRoutes(planner: BackupPlanner): (app: Express) => void {
  return (app) => {
    app.post(PolicyHttpPath.Validate, (req, res) => {
      const body = accepted(checkBody(validateBodySchema, req.body));
      const result = validatePolicyDocument(body.document);
      refuseUnreadable(result.issues);
      res.json({ valid: result.valid, volumePolicies: result.volumePolicies, issues: result.issues.map(issueBody) });
    });

    app.post(PolicyHttpPath.Evaluate, (req, res) => {
      const body = accepted(checkBody(evaluateBodySchema, req.body));
      const outcome = evaluatePolicyDocument(body.document, body.volumes);
      if (!outcome.ok)
        throw new HttpError(422, `the policy document is invalid (${outcome.issues.length} issue(s))`, outcome.issues.map(issueBody));
      res.json({ volumes: outcome.volumes });
    });

    app.post(PolicyHttpPath.Plan, async (req, res) => {
      const target = accepted(checkPlanBody(req.body));
      const plan = await planner(target, abortOnClose(res)).catch((error: unknown) => {
        throw httpErrorOf(error);
      });
      res.json(plan);
    });
  };
}

function accepted<T>(check: BodyCheck<T>): T {
  if (check.ok) return check.value;
  const [first] = check.issues;
  const summary = first ? `${first.path}: ${first.message}` : 'malformed';
  throw new HttpError(
    400,
    `invalid request body: ${summary}`,
    check.issues.map(({ path, message }) => ({ path, message })),
  );
}

/**
 * A document refused unread (an alias bomb, over the size limit) is not a validation result but
 * the caller's error: 413 for the size, 422 otherwise, naming the problem.
 */
function refuseUnreadable(issues: readonly PolicyIssue[]): void {
  const refusal = issues.find(isDocumentRefusal);
  if (refusal === undefined) return;
  const status = refusal.code === PolicyIssueCode.DocumentTooLarge ? 413 : 422;
  throw new HttpError(status, `the policy document cannot be read: ${refusal.message}`, [issueBody(refusal)]);
}

function issueBody(issue: { code: string; path: string; line: number; column: number; message: string }) {
  return { path: issue.path, line: issue.line, column: issue.column, message: issue.message, code: issue.code };
}

/** Maps a planning failure to its HTTP answer; unknown failures pass on (logged, 500). */
function httpErrorOf(error: unknown): unknown {
  if (error instanceof BackupNotFoundError) return new HttpError(404, error.message);
  if (error instanceof InvalidResourcePoliciesError) return new HttpError(422, error.message, error.issues.map(issueBody));
  if (error instanceof InvalidGlobalPoliciesError || error instanceof ClusterReadError) {
    return new HttpError(
      503,
      `${error.message}; retry later`,
      error instanceof InvalidGlobalPoliciesError ? error.issues.map(issueBody) : undefined,
    );
  }
  return error;
}

/** A signal aborted when the client goes away before the answer is sent. */
function abortOnClose(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort(new Error('the HTTP client closed the connection'));
  });
  return controller.signal;
}
