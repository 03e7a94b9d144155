// Test support of the policy service: builders of cluster objects and a fake API server.
// Specs and integration tests only; production code never imports this entry.

export {
  aBackup,
  aConfigMap,
  aNamespace,
  aPod,
  aPv,
  aPvc,
  type PodVolumeSpec,
  policyDocument,
  type PvcOptions,
  type PvOptions,
} from './cluster-builders';
export { type FakeApiServer, fakeApiServer } from './fake-api-server';
