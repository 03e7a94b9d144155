export { Backoff, backoffDelay, defaultBackoffPolicy, sleepUnlessAborted, type BackoffPolicy } from './backoff';
export { systemClock, type Clock } from './clock';
export {
  createController,
  objectKey,
  splitObjectKey,
  type Controller,
  type ControllerOptions,
  type ControllerStats,
  type ReconcileFunction,
  type ReconcileLatency,
  type ReconcileOutcome,
} from './controller';
export { startControllerSet, type ControllerSet, type ControllerSetOptions } from './controller-set';
export { createIfAbsent, deleteIfPresent, getOrUndefined, kubeCall, waitUntilGone, type WaitUntilGoneOptions } from './idempotent-calls';
export {
  createLeaderElector,
  defaultLeaderElectionTiming,
  type LeaderElectionTiming,
  type LeaderElector,
  type LeaderElectorOptions,
  type LeadershipCallbacks,
} from './leader-elector';
export { defaultRetryBackoff, WorkQueue, type WorkQueueOptions, type WorkQueueStats } from './work-queue';
export { fencedKubeClient } from './write-fence';
export { createApiRequester, type ApiRequest, type ApiRequester } from './api-requester';
export { apiListWatchSource, type ListWatchScope } from './api-list-watch-source';
export { retryOnConflict, type ConflictRetryOptions } from './conflict-retry';
export { createCustomResourceClient, type CustomResourceClient, type DeleteOptions, type ListOptions } from './custom-resource-client';
export { fromHttpStatus, toKubeError } from './error-mapper';
export { createEventRecorder, type EventRecorder, type EventType } from './event-recorder';
export {
  hasKubeErrorCode,
  isAlreadyExists,
  isConflict,
  isNotFound,
  KubeError,
  KubeErrorCode,
  type KubeErrorOptions,
  type KubeFieldCause,
} from './errors';
export type { KubeObject, KubeObjectMeta } from './kube-object';
export { createKubeClient, kubeClientFromConfig, loadKubeConfig, type KubeClient, type KubeConfigSource } from './kube-client';
export { silentLogger, type KubeLogger, type LogFields } from './kube-logger';
export {
  runListWatchLoop,
  type ListResult,
  type ListWatchListener,
  type ListWatchLoopOptions,
  type ListWatchSource,
  type WatchEvent,
} from './list-watch-loop';
export { ObjectStore, type StoreChange } from './object-store';
export {
  createInformer,
  startInformer,
  type InformerEvent,
  type InformerHandlers,
  type InformerOptions,
  type ResourceInformer,
} from './resource-informer';
export {
  apiVersionOf,
  builtinResources,
  describeObject,
  isNamespaced,
  resourcePath,
  type ResourceDescriptor,
  type ResourceScope,
} from './resource-descriptor';
export {
  patchStatusWithRetry,
  updateStatusWithRetry,
  type StatusMutation,
  type StatusPatchFunction,
  type StatusWriteTarget,
  type WithStatus,
} from './status-writer';
// --- metrics ---
export {
  createControllerInstruments,
  defaultControllerMeter,
  reconcileTimeBuckets,
  type ControllerInstruments,
  type ReconcileResult,
} from './controller-metrics';
// --- api access ---
export {
  reviewAccess,
  reviewToken,
  type AccessAttributes,
  type AccessReviewOutcome,
  type NonResourceAccessAttributes,
  type ResourceAccessAttributes,
  type ReviewedUser,
  type TokenReviewOutcome,
} from './access-reviews';
export { authorizationHeaderOf } from './kube-credentials';
