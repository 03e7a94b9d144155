// Public entry of @ferry/node-agent-config-watch: the node-agent ConfigMap
// (docs/velero-compatibility.md#node-agent-configmap) watched live for the services that read it
// (exposer, mover). Every export is named.

export { NodeAgentConfigWatchError, NodeAgentConfigWatchErrorCode } from './errors';
export { NodeAgentConfigEventReason } from './event-reasons';
export {
  noEventRecorder,
  watchNodeAgentConfig,
  type NodeAgentConfigWatcher,
  type NodeAgentConfigWatcherOptions,
} from './node-agent-config-watcher';
