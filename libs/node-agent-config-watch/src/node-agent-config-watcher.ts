// The node-agent ConfigMap watched live. Velero reads it once at start and refuses to start on a
// bad one; Ferry applies a valid change at once, and on an invalid change or a deletion keeps the
// last good configuration and says why in a Warning Event on the ConfigMap.
import {
  builtinResources,
  createEventRecorder,
  createInformer,
  KubeErrorCode,
  silentLogger,
  type EventRecorder,
  type KubeClient,
  type KubeLogger,
  type KubeObject,
  type ListWatchSource,
  type ResourceInformer,
} from '@ferry/kube';
import {
  formatConfigIssue,
  parseNodeAgentConfig,
  type ConfigIssue,
  type ConfigMapLike,
  type ParsedNodeAgentConfig,
} from '@ferry/node-agent-config';
import { NodeAgentConfigWatchError, NodeAgentConfigWatchErrorCode } from './errors';
import { NodeAgentConfigEventReason } from './event-reasons';

type ConfigMapObject = KubeObject & ConfigMapLike;

/** Options of {@link watchNodeAgentConfig}. */
export interface NodeAgentConfigWatcherOptions {
  /** The ConfigMap's name (Velero's `--node-agent-configmap`). */
  readonly name: string;
  readonly namespace: string;
  /** Called synchronously with each newly applied configuration and its warnings (ignored parts). */
  readonly onApplied?: (config: ParsedNodeAgentConfig, warnings: readonly ConfigIssue[]) => void;
  /** Called with the issues of each rejected version (`data` path and an empty list for a deletion). */
  readonly onRejected?: (issues: readonly ConfigIssue[]) => void;
  readonly logger?: KubeLogger;
  /** Event source component of the recorded Events, e.g. `ferry-exposer`. */
  readonly component: string;
  /** Replaces the Event writer: tests, or {@link noEventRecorder} for a service that records none (one mover per node). */
  readonly recorder?: EventRecorder;
  /** Replaces the API server as the source of ConfigMaps (unit tests). */
  readonly source?: ListWatchSource<KubeObject>;
}

/**
 * An Event writer that records nothing: for a service running once per node (the mover), where N
 * copies of each Event would only be noise and the RBAC grants no Event writes.
 */
export const noEventRecorder: EventRecorder = { record: () => Promise.resolve() };

/** A running watch of the node-agent ConfigMap. */
export interface NodeAgentConfigWatcher {
  /**
   * The configuration in effect: the last valid version seen, or `undefined` when none has been
   * (before `synced`, or when the ConfigMap is missing or was never valid). Never throws.
   */
  current(): ParsedNodeAgentConfig | undefined;
  /**
   * Resolves once the first list has been processed (a present ConfigMap is then applied or
   * rejected). Rejects with `NODE_AGENT_CONFIG_WATCHER_STOPPED` if `stop()` comes first.
   */
  readonly synced: Promise<void>;
  /** Ends the watch; resolves once it has exited. Idempotent. The caller owns this cleanup. */
  stop(): Promise<void>;
}

/**
 * Starts watching `namespace/name` (field selector on the name) with a libs/kube informer, which
 * restarts itself after API failures. Invalid versions never throw: they are logged, passed to
 * `onRejected` and recorded as a Warning Event `InvalidNodeAgentConfig` listing the issues with
 * their key paths.
 */
export function watchNodeAgentConfig(client: KubeClient, options: NodeAgentConfigWatcherOptions): NodeAgentConfigWatcher {
  const logger = options.logger ?? silentLogger;
  const recorder = options.recorder ?? createEventRecorder(client, options.component, logger);
  const where = `${options.namespace}/${options.name}`;
  let current: ParsedNodeAgentConfig | undefined;
  let lastHandled: string | undefined;

  const informer: ResourceInformer<ConfigMapObject> = createInformer<ConfigMapObject>(client, builtinResources.configMaps, {
    namespace: options.namespace,
    fieldSelector: `metadata.name=${options.name}`,
    logger,
    source: options.source,
  });

  const reject = (configMap: ConfigMapObject, issues: readonly ConfigIssue[], message: string) => {
    logger.warn({ configMap: where, issues: issues.map(formatConfigIssue) }, message);
    options.onRejected?.(issues);
    void recorder.record(configMap, 'Warning', NodeAgentConfigEventReason.InvalidNodeAgentConfig, message);
  };

  const handle = (configMap: ConfigMapObject) => {
    // A relist re-delivers the same version; judge each version once.
    const version = `${configMap.metadata?.uid ?? ''}/${configMap.metadata?.resourceVersion ?? ''}`;
    if (version === lastHandled) return;
    lastHandled = version;
    const result = parseNodeAgentConfig(configMap);
    if (!result.ok) {
      const kept = current ? 'the last good configuration stays in effect' : 'no configuration is in effect (defaults apply)';
      reject(
        configMap,
        result.issues,
        `node-agent ConfigMap ${where} rejected, ${kept}: ${result.issues.map(formatConfigIssue).join('; ')}`,
      );
      return;
    }
    current = result.config;
    const warnings = result.issues;
    logger.info(
      { configMap: where, dataKey: result.config.dataKey, warnings: warnings.map(formatConfigIssue) },
      'node-agent configuration applied',
    );
    options.onApplied?.(result.config, warnings);
    const ignored = warnings.length > 0 ? `; ignored: ${warnings.map(formatConfigIssue).join('; ')}` : '';
    void recorder.record(
      configMap,
      warnings.length > 0 ? 'Warning' : 'Normal',
      NodeAgentConfigEventReason.NodeAgentConfigApplied,
      `node-agent configuration from data key '${result.config.dataKey}' applied${ignored}`,
    );
  };

  informer.on('add', handle);
  informer.on('update', (configMap) => handle(configMap));
  informer.on('delete', (configMap) => {
    lastHandled = undefined;
    const kept = current ? 'the last good configuration stays in effect' : 'no configuration is in effect (defaults apply)';
    reject(configMap, [], `node-agent ConfigMap ${where} was deleted, ${kept}; recreate it to change the configuration`);
  });

  const synced = informer.synced.catch((error: unknown) => {
    const stopped = typeof error === 'object' && error !== null && (error as { code?: unknown }).code === KubeErrorCode.Stopped;
    throw new NodeAgentConfigWatchError(
      NodeAgentConfigWatchErrorCode.WatcherStopped,
      `node-agent ConfigMap watcher for ${where} stopped before its first list`,
      {
        cause: error,
        retryable: !stopped,
      },
    );
  });
  // Nobody may await `synced` when the watcher stops early; that is not an unhandled rejection.
  synced.catch(() => undefined);

  return {
    current: () => current,
    synced,
    stop: () => informer.stop(),
  };
}
