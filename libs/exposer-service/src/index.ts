// Public entry of @ferry/exposer-service: the exposer's Kubernetes-facing pieces. The roles (snapshot
// and restore exposers), the live node-agent ConfigMap watcher and the Event recorder. Every export is named.

export { ExposerServiceError, ExposerServiceErrorCode } from './errors';
export type { ExposedVolume, ExposureState, OperationRef, RestoreExposer, SnapshotExposer } from './exposer-roles';
export { createEventRecorder, ExposerEventReason, type EventRecorder, type EventType } from './event-recorder';
export { watchNodeAgentConfig, type NodeAgentConfigWatcher, type NodeAgentConfigWatcherOptions } from './node-agent-config-watcher';
