// Test support of the development environment: what integration tests (and only they) use to
// reach the running environment, lay out fixtures and wait. Production code never imports this
// entry (lint forbids `@ferry/*/testing` outside specs and integration folders).
export { eventually, eventuallyPasses } from './eventually';
export { loadEnvironmentInfo, type EnvironmentInfo, type SimulatedNodeInfo } from '../environment-info';
export { buildDataTree, standardDataTree, type DataTreeSpec } from '../data-tree';
export { startMinio, type MinioServer } from '../servers/minio-server';
export { startVeleroServer, type VeleroServerOptions } from '../servers/velero-server';
export {
  ferryServiceInstances,
  startFerryService,
  type FerryServiceHosts,
  type FerryServiceInstance,
  type FerryServiceProcess,
  type FerryServiceTarget,
} from '../servers/ferry-service';
export { simulatorStorage } from '../node-simulator/storage-setup';
export { simulatorLayout, snapshotDirectory, type SimulatorLayout } from '../node-simulator/simulator-layout';
export { createTestNamespace, deleteTestNamespace, uniqueName } from './test-namespaces';
export { kubeletVolumePath, simulatedNodeRoot } from '../kubelet-volumes';
export {
  aClaim,
  claimMountPath,
  createClaim,
  deletePod,
  podWithClaim,
  runPod,
  snapshotClaim,
  type ClaimFixtureOptions,
} from './volume-fixtures';
export { connectTestContracts, type TestContracts, type TestNatsEnvironment } from './test-contracts';
export { startInProcessVolumeInfo, type InProcessVolumeInfo } from './volume-info-in-process';
export { startApplicationHarness, testAppEnv, claimFileContents, writeClaimFiles, type ApplicationHarness } from './application-harness';
// --- tracing ---
export { findTraceIds, readTrace, type TracedEvent, type TracedSpan } from './jaeger-traces';
// --- api access ---
export { adminHeaders, serviceAccountToken, testApiAccess } from './service-api-access';
// --- NATS security ---
export { natsCredentialsFile, natsTestUser, testNatsNamespaces } from '../servers/nats-auth';
export { claimTestNatsNamespace, type ClaimedNatsNamespace } from '../servers/nats-namespace-pool';
