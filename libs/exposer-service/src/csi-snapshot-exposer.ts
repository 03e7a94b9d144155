// The CSI snapshot exposer (docs/velero-compatibility.md#csi-snapshot-exposure): makes a
// DataUpload's VolumeSnapshot readable on a node through VS/VSC `<du>`, backupPVC `<du>` and
// backupPod `<du>`, all keyed by the operation so every call is idempotent and a restarted exposer
// completes what a crashed one started.
import type { DataUpload } from '@ferry/api';
import {
  buildBackupPod,
  buildBackupPvc,
  type BackupExposureInput,
  type BackupPvcSettings,
  type BuildResult,
  type ExposerPodTemplate,
  type NodeSelectorTerm,
  type PersistentVolumeClaim,
} from '@ferry/exposer';
import { parseGoDuration } from '@ferry/data-movement';
import { silentLogger, waitUntilGone, type KubeClient, type KubeLogger } from '@ferry/kube';
import { backupPvcFor, loadAffinityFor, podResourcesOf, type ParsedNodeAgentConfig } from '@ferry/node-agent-config';
import { ExposerServiceError, ExposerServiceErrorCode } from './errors';
import type { ExposureState, OperationRef, SnapshotExposer } from './exposer-roles';
import { createSnapshotExposureApi, type SnapshotExposureApi } from './snapshot-exposure-api';
import { diagnoseSnapshotExposure, readSnapshotExposureState } from './snapshot-exposure-state';
import { resolveSnapshotSources, takeOverSnapshot } from './snapshot-takeover';

/** The pod settings the caller knows (from the node-agent daemonset); the rest comes from the config. */
export type CsiExposerPodSettings = Omit<
  ExposerPodTemplate,
  'serviceAccountName' | 'nodeAffinityTerms' | 'resources' | 'priorityClassName' | 'labels' | 'annotations'
> & {
  /** Default `default`. */
  readonly serviceAccountName?: string;
};

/** Options of {@link createCsiSnapshotExposer}. */
export interface CsiSnapshotExposerOptions {
  readonly kube: KubeClient;
  /** Where intermediate objects go; default the DataUpload's own namespace. */
  readonly namespace?: string;
  /** The node-agent configuration in effect (e.g. `NodeAgentConfigWatcher.current`); read at every expose. */
  readonly currentConfig: () => ParsedNodeAgentConfig | undefined;
  readonly podTemplate: CsiExposerPodSettings;
  readonly logger?: KubeLogger;
  /**
   * Poll interval of VolumeSnapshot readiness and deletions; default 250 ms (Velero polls every 2 s,
   * which dominated the exposure time in `npm run bench:exposer`; a GET per exposure is cheap).
   */
  readonly pollIntervalMs?: number;
  /** Bound of the PV/PVC/pod deletion waits of `cleanUp`; default 60 000 ms (as Velero). */
  readonly cleanupTimeoutMs?: number;
}

const defaultOperationTimeoutMs = 10 * 60_000;

function unwrap<T>(result: BuildResult<T>, what: string): T {
  if (result.ok) return result.value;
  throw new ExposerServiceError(ExposerServiceErrorCode.SnapshotExposeInvalid, `cannot build ${what}: ${result.problem.message}`);
}

function podTemplateFor(
  settings: CsiExposerPodSettings,
  config: ParsedNodeAgentConfig | undefined,
  mappedClass: string,
): ExposerPodTemplate {
  const affinity = loadAffinityFor(config, mappedClass);
  const resources = podResourcesOf(config);
  const document = config?.document;
  const nodeAffinityTerms: NodeSelectorTerm[] | undefined = affinity?.nodeSelectorTerms.map((term) => ({
    matchExpressions: term.matchExpressions.map((e) => ({
      key: e.key,
      operator: e.operator,
      ...(e.values ? { values: [...e.values] } : {}),
    })),
  }));
  return {
    ...settings,
    serviceAccountName: settings.serviceAccountName ?? 'default',
    ...(nodeAffinityTerms ? { nodeAffinityTerms } : {}),
    ...(resources ? { resources: { requests: { ...resources.requests }, limits: { ...resources.limits } } } : {}),
    ...(document?.priorityClassName ? { priorityClassName: document.priorityClassName } : {}),
    ...(document?.podLabels ? { labels: { ...document.podLabels } } : {}),
    ...(document?.podAnnotations ? { annotations: { ...document.podAnnotations } } : {}),
  };
}

/**
 * Required node terms of the source PV when its class binds on first consumer (step 1 of
 * docs/velero-compatibility.md#csi-snapshot-exposure).
 */
async function volumeTopologyTerms(
  api: SnapshotExposureApi,
  sourcePvc: PersistentVolumeClaim,
  sourceClass: string,
): Promise<NodeSelectorTerm[] | undefined> {
  const pvName = sourcePvc.spec?.volumeName;
  if (!pvName || !sourceClass || (await api.bindingModeOf(sourceClass)) !== 'WaitForFirstConsumer') return undefined;
  return (await api.findPv(pvName))?.spec?.nodeAffinity?.required?.nodeSelectorTerms;
}

/** What every step of the exposer shares: its API, settings and logger. */
interface CsiExposerContext {
  readonly api: SnapshotExposureApi;
  readonly options: CsiSnapshotExposerOptions;
  readonly logger: KubeLogger;
  readonly pollMs: number;
  readonly cleanupTimeoutMs: number;
}

type DataUploadSpec = NonNullable<DataUpload['spec']>;

/** A DataUpload checked to name a VolumeSnapshot and an existing source PVC. */
interface ExposureSubject {
  readonly du: DataUpload;
  readonly spec: DataUploadSpec;
  readonly sourcePvc: PersistentVolumeClaim;
  readonly sourceClass: string;
  readonly where: string;
}

const namespaceOf = (ctx: CsiExposerContext, operation: OperationRef): string => ctx.options.namespace ?? operation.namespace;

function readDataUpload(ctx: CsiExposerContext, operation: OperationRef): Promise<DataUpload> {
  if (operation.kind !== 'DataUpload') {
    throw new ExposerServiceError(
      ExposerServiceErrorCode.SnapshotExposeInvalid,
      `the CSI snapshot exposer handles DataUploads, not ${operation.kind} ${operation.namespace}/${operation.name}`,
    );
  }
  return ctx.api.dataUploads.get(operation.namespace, operation.name);
}

async function loadExposureSubject(ctx: CsiExposerContext, operation: OperationRef): Promise<ExposureSubject> {
  const du = await readDataUpload(ctx, operation);
  const spec = du.spec;
  const where = `DataUpload ${operation.namespace}/${operation.name}`;
  if (!spec?.csiSnapshot?.volumeSnapshot) {
    throw new ExposerServiceError(
      ExposerServiceErrorCode.SnapshotExposeInvalid,
      `${where} has no spec.csiSnapshot.volumeSnapshot: only CSI snapshots can be exposed`,
    );
  }
  const sourcePvc = await ctx.api.findPvc(spec.sourceNamespace, spec.sourcePVC);
  if (!sourcePvc) {
    throw new ExposerServiceError(
      ExposerServiceErrorCode.SnapshotExposeInvalid,
      `source PVC ${spec.sourceNamespace}/${spec.sourcePVC} of ${where} does not exist`,
    );
  }
  const sourceClass = spec.csiSnapshot.storageClass || sourcePvc.spec?.storageClassName || '';
  return { du, spec, sourcePvc, sourceClass, where };
}

function pvcSettingsOf(resolved: ReturnType<typeof backupPvcFor>): BackupPvcSettings {
  return {
    readOnly: resolved.readOnly,
    spcNoRelabeling: resolved.spcNoRelabeling,
    annotations: { ...resolved.annotations },
    ...(resolved.storageClass ? { storageClass: resolved.storageClass } : {}),
  };
}

async function takeOverIfPending(
  ctx: CsiExposerContext,
  spec: DataUploadSpec,
  input: BackupExposureInput,
  takeoverPending: boolean,
  signal?: AbortSignal,
): Promise<void> {
  if (!takeoverPending) return;
  const deleteTimeoutMs = spec.operationTimeout
    ? parseGoDuration(spec.operationTimeout, 'spec.operationTimeout')
    : defaultOperationTimeoutMs;
  await takeOverSnapshot(ctx.api, input, { pollMs: ctx.pollMs, deleteTimeoutMs }, signal);
}

async function exposeOnce(ctx: CsiExposerContext, operation: OperationRef, signal?: AbortSignal): Promise<void> {
  const { api, pollMs } = ctx;
  const { du, spec, sourcePvc, sourceClass, where } = await loadExposureSubject(ctx, operation);
  const namespace = namespaceOf(ctx, operation);
  const config = ctx.options.currentConfig();
  const resolved = backupPvcFor(config, sourceClass);
  const topology = await volumeTopologyTerms(api, sourcePvc, sourceClass);
  const sources = await resolveSnapshotSources(api, du, namespace, pollMs, signal);
  const input: BackupExposureInput = {
    dataUpload: du,
    sourcePvc,
    sourceVs: sources.sourceVs,
    sourceVsc: sources.sourceVsc,
    pvcSettings: pvcSettingsOf(resolved),
    namespace,
    podTemplate: podTemplateFor(ctx.options.podTemplate, config, resolved.storageClass),
    ...(topology ? { volumeTopologyTerms: topology } : {}),
  };
  await takeOverIfPending(ctx, spec, input, sources.takeoverPending, signal);
  await api.createPvcIfAbsent(unwrap(buildBackupPvc(input), `backupPVC for ${where}`));
  await api.createPodIfAbsent(unwrap(buildBackupPod(input), `backup pod for ${where}`));
  ctx.logger.info(
    { dataUpload: `${operation.namespace}/${operation.name}`, storageClass: resolved.storageClass, readOnly: resolved.readOnly },
    'snapshot exposed',
  );
}

async function cleanUp(ctx: CsiExposerContext, operation: OperationRef): Promise<void> {
  const { api } = ctx;
  const namespace = namespaceOf(ctx, operation);
  const { name } = operation;
  const du = await api.dataUploads.find(operation.namespace, operation.name);
  const wait = (what: string, find: () => Promise<unknown>) =>
    waitUntilGone(what, find, { timeoutMs: ctx.cleanupTimeoutMs, pollMs: Math.min(ctx.pollMs, 250) });
  await api.deletePod(namespace, name);
  const pvName = (await api.findPvc(namespace, name))?.spec?.volumeName;
  await api.deletePvc(namespace, name);
  await wait(`backup pod ${namespace}/${name}`, () => api.findPod(namespace, name));
  await wait(`backupPVC ${namespace}/${name}`, () => api.findPvc(namespace, name));
  // The backupPVC's PV has reclaim policy Delete: the provisioner removes it once the claim goes.
  if (pvName) await wait(`PV ${pvName}`, () => api.findPv(pvName));
  await api.snapshots.delete(namespace, name, { ignoreNotFound: true });
  await api.contents.delete(undefined, name, { ignoreNotFound: true });
  const duSpec = du?.spec;
  if (duSpec?.csiSnapshot?.volumeSnapshot)
    await api.snapshots.delete(duSpec.sourceNamespace, duSpec.csiSnapshot.volumeSnapshot, { ignoreNotFound: true });
  await wait(`VolumeSnapshot ${namespace}/${name}`, () => api.snapshots.find(namespace, name));
  await wait(`VolumeSnapshotContent ${name}`, () => api.contents.find(undefined, name));
  ctx.logger.info({ dataUpload: `${operation.namespace}/${operation.name}` }, 'snapshot exposure cleaned up');
}

/**
 * A {@link SnapshotExposer} over the API server. `expose` reads the DataUpload named by the
 * operation, waits (polling, bounded by the signal) for its VolumeSnapshot, takes it over, and
 * creates backupPVC and backupPod `<du>` create-if-absent; concurrent calls for one operation in
 * this process share one run. The caller owns cleanup (`cleanUp`), also after failures.
 */
export function createCsiSnapshotExposer(options: CsiSnapshotExposerOptions): SnapshotExposer {
  const ctx: CsiExposerContext = {
    api: createSnapshotExposureApi(options.kube),
    options,
    logger: options.logger ?? silentLogger,
    pollMs: options.pollIntervalMs ?? 250,
    cleanupTimeoutMs: options.cleanupTimeoutMs ?? 60_000,
  };
  // Concurrent exposes of one operation share its run instead of racing on create-if-absent.
  const inFlight = new Map<string, Promise<void>>();
  return {
    expose(operation, signal) {
      const key = `${operation.namespace}/${operation.name}`;
      const running = inFlight.get(key);
      if (running) return running;
      const run = exposeOnce(ctx, operation, signal).finally(() => inFlight.delete(key));
      inFlight.set(key, run);
      return run;
    },
    async state(operation): Promise<ExposureState> {
      return readSnapshotExposureState(ctx.api, await readDataUpload(ctx, operation), namespaceOf(ctx, operation));
    },
    diagnose: (operation) => diagnoseSnapshotExposure(ctx.api, namespaceOf(ctx, operation), operation.name),
    cleanUp: (operation) => cleanUp(ctx, operation),
  };
}
