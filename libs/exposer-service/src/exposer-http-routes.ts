// The exposer's HTTP API (mounted by service-runtime's startHttpServer, which adds /healthz,
// /readyz and JSON error answers): the effective node-agent configuration with where it came
// from, and the exposures in flight.
import { formatConfigIssue, type ConfigIssue, type ParsedNodeAgentConfig } from '@ferry/node-agent-config';
import { ferryApiGroup, type RouteAccessRule } from '@ferry/service-runtime';
import type { Express } from 'express';
import type { ExposureInFlight } from './exposure-job-handler';

/** Paths of the HTTP API. */
export const ExposerHttpPath = { Config: '/v1/config', Exposures: '/v1/exposures' } as const;

/** The permission each route needs (`get`, in the service's namespace); ClusterRole `ferry-api-reader` grants them. */
export const exposerRouteAccess: readonly RouteAccessRule[] = [
  { path: ExposerHttpPath.Config, resource: { group: ferryApiGroup, resource: 'exposerconfigs' } },
  { path: ExposerHttpPath.Exposures, resource: { group: ferryApiGroup, resource: 'exposures' } },
];

/** Where the effective configuration came from, and the last version refused. */
export interface NodeAgentConfigStatus {
  /** `namespace/name` of the node-agent ConfigMap, or undefined when none is configured. */
  readonly configMap?: string;
  /** The configuration in effect (the last valid version), if any. */
  readonly effective?: ParsedNodeAgentConfig;
  /** When `effective` was applied (RFC 3339). */
  readonly appliedAt?: string;
  /** Warnings of the applied version (parts Velero ignores). */
  readonly warnings: readonly ConfigIssue[];
  /** The last refused version: when, and its issues. */
  readonly lastRejection?: { readonly at: string; readonly issues: readonly ConfigIssue[] };
}

/** Records what the ConfigMap watcher applies and rejects; pass its callbacks to `watchNodeAgentConfig`. */
export interface NodeAgentConfigTracker {
  readonly onApplied: (config: ParsedNodeAgentConfig, warnings: readonly ConfigIssue[]) => void;
  readonly onRejected: (issues: readonly ConfigIssue[]) => void;
  status(): NodeAgentConfigStatus;
}

/** A tracker for the ConfigMap `configMap` (`namespace/name`; undefined = none configured). `now` is the clock. */
export function createNodeAgentConfigTracker(configMap: string | undefined, now: () => Date = () => new Date()): NodeAgentConfigTracker {
  let status: NodeAgentConfigStatus = { ...(configMap ? { configMap } : {}), warnings: [] };
  return {
    onApplied(config, warnings) {
      status = { ...status, effective: config, appliedAt: now().toISOString(), warnings: [...warnings] };
    },
    onRejected(issues) {
      status = { ...status, lastRejection: { at: now().toISOString(), issues: [...issues] } };
    },
    status: () => status,
  };
}

function issueBody(issue: ConfigIssue) {
  return {
    severity: issue.severity,
    code: issue.code,
    path: issue.path,
    message: issue.message,
    fix: issue.fix,
    line: formatConfigIssue(issue),
  };
}

/**
 * Adds `GET /v1/config` (200 `{source: {configMap, appliedAt, lastRejection}, effective, warnings}`;
 * `effective` is null when no valid version was seen, and the exposers then use their defaults)
 * and `GET /v1/exposures` (200 `{exposures: [{operation, direction, state, since, deadline}]}`).
 */
export function exposerRoutes(config: () => NodeAgentConfigStatus, exposures: () => readonly ExposureInFlight[]): (app: Express) => void {
  return (app) => {
    app.get(ExposerHttpPath.Config, (_req, res) => {
      const status = config();
      res.json({
        source: {
          configMap: status.configMap ?? null,
          appliedAt: status.appliedAt ?? null,
          lastRejection: status.lastRejection ? { at: status.lastRejection.at, issues: status.lastRejection.issues.map(issueBody) } : null,
        },
        effective: status.effective?.document ?? null,
        dataKey: status.effective?.dataKey ?? null,
        warnings: status.warnings.map(issueBody),
      });
    });
    app.get(ExposerHttpPath.Exposures, (_req, res) => {
      res.json({ exposures: exposures() });
    });
  };
}
