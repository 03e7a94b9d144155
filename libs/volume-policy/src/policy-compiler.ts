// Velero's BuildPolicy + Validate over a shape-valid document: the `v1` version, capacity format
// and range, CSI attributes without a driver, snapshot action parameters ([newest] `dataMover`,
// `snapshotClass`), includeExcludePolicy rules and ([newest]) the filter policies' rules. Unlike Velero, which stops at the first
// problem, every problem is reported.
import {
  BuiltInDataMover,
  formatPath,
  VolumeActionParameter,
  VolumeActionType,
  type VolumeConditions,
  type VolumePolicy,
  type VolumePolicyDocument,
} from '@ferry/api';
import { parseCapacity, validateCapacity, type CapacityRange } from './capacity-condition';
import { PolicyIssueCode, type PolicyIssue } from './errors';
import { validateClusterScopedFilterPolicy, validateNamespacedFilterPolicies, type ReportProblem } from './filter-policy-validator';
import type { CompiledVolumePolicy, PolicyOrigin, ResourcePolicies, VolumeAction } from './resource-policies';
import type { PathSegment, SourceLocator } from './source-locator';
import type { CompiledConditions } from './volume-conditions';

/** The only resource-policies version Velero supports. */
export const supportedPolicyVersion = 'v1';

interface Context {
  readonly locator: SourceLocator;
  readonly goTypes: ReadonlyMap<string, string>;
  readonly issues: PolicyIssue[];
}

type IncludeExclude = NonNullable<VolumePolicyDocument['includeExcludePolicy']>;

/**
 * The shape-valid parts of a document. Parts with shape problems are left out (and reported by
 * the caller), so the rest can still be checked and every problem reported in one pass.
 */
export interface CompileInput {
  /** Absent when `version` itself had a shape problem. */
  readonly version?: string;
  /** Shape-valid policies with their index in the document. */
  readonly volumePolicies: ReadonlyArray<readonly [number, VolumePolicy]>;
  readonly includeExcludePolicy?: IncludeExclude | null;
  readonly clusterScopedFilterPolicy?: VolumePolicyDocument['clusterScopedFilterPolicy'];
  readonly namespacedFilterPolicies?: VolumePolicyDocument['namespacedFilterPolicies'];
}

/** Result of {@link compileResourcePolicies}: the policies when `issues` is empty. */
export interface CompileResult {
  readonly policies?: ResourcePolicies;
  readonly issues: readonly PolicyIssue[];
}

/**
 * Validates and compiles a shape-valid document. `goTypes` are the decoder's Go type names by
 * path (for `%T`-style messages). Pure apart from reading `locator`.
 */
export function compileResourcePolicies(
  doc: CompileInput,
  origin: PolicyOrigin,
  locator: SourceLocator,
  goTypes: ReadonlyMap<string, string>,
): CompileResult {
  const ctx: Context = { locator, goTypes, issues: [] };
  if (doc.version !== undefined && doc.version !== supportedPolicyVersion) {
    report(
      ctx,
      ['version'],
      PolicyIssueCode.UnsupportedVersion,
      `incompatible version number ${doc.version} with supported version ${supportedPolicyVersion}; set "version: v1"`,
    );
  }
  const volumePolicies: CompiledVolumePolicy[] = [];
  for (const [index, policy] of doc.volumePolicies) {
    const path: PathSegment[] = ['volumePolicies', index];
    const action: VolumeAction = { type: policy.action.type, parameters: policy.action.parameters ?? {} };
    validateParameters(action, [...path, 'action', 'parameters'], ctx);
    const conditions = policy.conditions ?? {};
    const compiled = compileConditions(conditions, [...path, 'conditions'], ctx);
    if (compiled) volumePolicies.push({ origin, index, conditions, compiled, action });
  }
  if (doc.includeExcludePolicy) validateIncludeExclude(doc.includeExcludePolicy, ctx);
  const filterProblem: ReportProblem = (path, message) => report(ctx, path, PolicyIssueCode.InvalidFilterPolicy, message);
  const clusterScoped = doc.clusterScopedFilterPolicy
    ? validateClusterScopedFilterPolicy(doc.clusterScopedFilterPolicy, filterProblem)
    : undefined;
  const namespaced = doc.namespacedFilterPolicies
    ? validateNamespacedFilterPolicies(doc.namespacedFilterPolicies, filterProblem)
    : undefined;
  if (ctx.issues.length > 0) return { issues: ctx.issues };
  return {
    issues: [],
    policies: {
      version: supportedPolicyVersion,
      volumePolicies,
      ...(doc.includeExcludePolicy ? { includeExcludePolicy: doc.includeExcludePolicy } : {}),
      ...(clusterScoped ? { clusterScopedFilterPolicy: clusterScoped } : {}),
      ...(namespaced ? { namespacedFilterPolicies: namespaced } : {}),
    },
  };
}

function compileConditions(c: VolumeConditions, path: PathSegment[], ctx: Context): CompiledConditions | undefined {
  const capacity = compileCapacity(c.capacity ?? '', [...path, 'capacity'], ctx);
  if (c.csi && !c.csi.driver && c.csi.volumeAttributes !== undefined) {
    report(
      ctx,
      [...path, 'csi'],
      PolicyIssueCode.CsiDriverRequired,
      'csi driver should not be empty when filtering by volume attributes; add csi.driver (e.g. ebs.csi.aws.com)',
    );
  }
  if (!capacity) return undefined;
  return {
    capacity,
    storageClass: c.storageClass ?? [],
    ...(c.nfs ? { nfs: { server: c.nfs.server ?? '', path: c.nfs.path ?? '' } } : {}),
    ...(c.csi
      ? { csi: { driver: c.csi.driver ?? '', ...(c.csi.volumeAttributes ? { volumeAttributes: c.csi.volumeAttributes } : {}) } }
      : {}),
    volumeTypes: c.volumeTypes ?? [],
    ...(c.pvcLabels && Object.keys(c.pvcLabels).length > 0 ? { pvcLabels: c.pvcLabels } : {}),
    ...(c.pvcPhase && c.pvcPhase.length > 0 ? { pvcPhase: c.pvcPhase } : {}),
    ...(c.pvcVolumeMode ? { pvcVolumeMode: c.pvcVolumeMode } : {}),
    ...(c.pvcAccessModes && c.pvcAccessModes.length > 0 ? { pvcAccessModes: c.pvcAccessModes } : {}),
  };
}

function compileCapacity(text: string, path: PathSegment[], ctx: Context): CapacityRange | undefined {
  const parsed = parseCapacity(text);
  if (!parsed.ok) {
    report(ctx, path, PolicyIssueCode.CapacityFormat, parsed.message);
    return undefined;
  }
  const problem = validateCapacity(parsed.range);
  if (problem) report(ctx, path, PolicyIssueCode.CapacityValues, problem);
  return parsed.range;
}

const validDataMovers: readonly string[] = Object.values(BuiltInDataMover);

function validateParameters(action: VolumeAction, path: PathSegment[], ctx: Context): void {
  for (const name of [VolumeActionParameter.DataMover, VolumeActionParameter.SnapshotClass]) {
    if (!Object.hasOwn(action.parameters, name)) continue;
    const at = [...path, name];
    const raw = action.parameters[name];
    if (action.type !== VolumeActionType.Snapshot) {
      report(
        ctx,
        at,
        PolicyIssueCode.InvalidActionParameter,
        `parameter "${name}" is only supported for the "snapshot" action, but the action type is "${action.type}"`,
      );
    } else if (typeof raw !== 'string') {
      report(
        ctx,
        at,
        PolicyIssueCode.InvalidActionParameter,
        `parameter "${name}" must be a string, got ${ctx.goTypes.get(formatPath(at)) ?? typeof raw}`,
      );
    } else if (name === VolumeActionParameter.DataMover && !validDataMovers.includes(raw)) {
      report(
        ctx,
        at,
        PolicyIssueCode.InvalidActionParameter,
        `invalid "dataMover" value "${raw}", valid values are ${validDataMovers.map((v) => `"${v}"`).join(', ')}`,
      );
    } else if (name === VolumeActionParameter.SnapshotClass && raw === '') {
      report(
        ctx,
        at,
        PolicyIssueCode.InvalidActionParameter,
        'parameter "snapshotClass" must not be empty; name a VolumeSnapshotClass or remove the parameter',
      );
    }
  }
}

type ListName = keyof IncludeExclude;

function validateIncludeExclude(policy: IncludeExclude, ctx: Context): void {
  const pairs: ReadonlyArray<readonly [ListName, ListName]> = [
    ['includedClusterScopedResources', 'excludedClusterScopedResources'],
    ['includedNamespaceScopedResources', 'excludedNamespaceScopedResources'],
  ];
  for (const [includedName, excludedName] of pairs) {
    const included = policy[includedName] ?? [];
    const excluded = policy[excludedName] ?? [];
    for (const [name, list] of [
      [includedName, included],
      [excludedName, excluded],
    ] as const) {
      const star = list.indexOf('*');
      if (star >= 0) {
        report(
          ctx,
          ['includeExcludePolicy', name, star],
          PolicyIssueCode.InvalidIncludeExclude,
          "cannot use '*' in includes or excludes filters in the policy; list resources explicitly",
        );
      }
    }
    const includedSet = new Set(included);
    for (const [j, item] of excluded.entries()) {
      if (item !== '*' && includedSet.has(item) && excluded.indexOf(item) === j) {
        report(
          ctx,
          ['includeExcludePolicy', excludedName, j],
          PolicyIssueCode.InvalidIncludeExclude,
          `excludes list cannot contain an item in the includes list: ${item}`,
        );
      }
    }
  }
}

function report(ctx: Context, path: PathSegment[], code: PolicyIssue['code'], message: string): void {
  const position = ctx.locator.locate(path);
  ctx.issues.push({ code, path: formatPath(path), line: position.line, column: position.column, message });
}
