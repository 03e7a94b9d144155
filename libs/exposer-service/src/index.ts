// Public entry of @ferry/exposer-service: the exposer's Kubernetes-facing pieces. So far the live
// node-agent ConfigMap watcher and the Event recorder it uses. Every export is named.

export { ExposerServiceError, ExposerServiceErrorCode } from './errors';
export { createEventRecorder, ExposerEventReason, type EventRecorder, type EventType } from './event-recorder';
export { watchNodeAgentConfig, type NodeAgentConfigWatcher, type NodeAgentConfigWatcherOptions } from './node-agent-config-watcher';
