// Test support of the volume policy lib: builders of volumes, pods and resource policies.
// Specs only; production code never imports this entry.

export {
  aBackup,
  aBarePv,
  aBoundPv,
  aPod,
  aPv,
  aPvc,
  csiVolume,
  globalPolicies,
  nfsVolume,
  policies,
  type PolicySpec,
  policyYaml,
  pvcVolume,
  sourceVolume,
  when,
} from './volume-builders';
export { clusterScoped, filter, includeExclude, issuesOf, lines, namespaced, onePolicy } from './policy-documents';
