import { resourcePolicyErrorMessage, type PolicyLoadFailure } from './resource-policy-outcome';

describe('resource policy outcome - Velero wording of load failures', () => {
  const backup = { namespace: 'velero', name: 'nightly' };
  const configMap = { namespace: 'velero', name: 'policies' };
  it.each<[PolicyLoadFailure, string]>([
    [
      { stage: 'get', origin: 'backup', configMap, detail: 'configmaps "policies" not found' },
      'fail to get ResourcePolicies velero/policies ConfigMap: configmaps "policies" not found',
    ],
    [
      { stage: 'read', origin: 'backup', configMap, detail: 'illegal resource policies velero/policies configmap' },
      // Velero names the Backup here, not the ConfigMap.
      'fail to read the ResourcePolicies from ConfigMap velero/nightly: illegal resource policies velero/policies configmap',
    ],
    [
      { stage: 'validate', origin: 'backup', configMap, detail: 'incompatible version number v2 with supported version v1' },
      'fail to validate ResourcePolicies in ConfigMap velero/nightly: incompatible version number v2 with supported version v1',
    ],
    [
      { stage: 'get', origin: 'global', configMap: { namespace: 'velero', name: 'global' }, detail: 'configmaps "global" not found' },
      'fail to get global backup volume policies ConfigMap velero/global: configmaps "global" not found',
    ],
    [
      { stage: 'read', origin: 'global', configMap: { namespace: 'velero', name: 'global' }, detail: 'x' },
      'fail to read global backup volume policies from ConfigMap velero/global: x',
    ],
    [
      { stage: 'validate', origin: 'global', configMap: { namespace: 'velero', name: 'global' }, detail: 'y' },
      'fail to validate global backup volume policies in ConfigMap velero/global: y',
    ],
  ])('%j', (failure, message) => {
    expect(resourcePolicyErrorMessage(failure, backup)).toBe(message);
  });
});
