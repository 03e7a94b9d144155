import { InvalidPolicyServiceConfigError } from './errors';
import { readPolicyServiceSettings } from './policy-service-config';

describe('policy service config - read from the environment', () => {
  it('applies defaults', () => {
    expect(readPolicyServiceSettings({})).toEqual({ defaultVolumesToFsBackup: false, listPageSize: 500 });
  });

  it('reads every variable', () => {
    expect(
      readPolicyServiceSettings({
        FERRY_GLOBAL_VOLUME_POLICIES_CONFIGMAP: ' global-policies ',
        FERRY_DEFAULT_VOLUMES_TO_FS_BACKUP: 'TRUE',
        FERRY_POLICY_LIST_PAGE_SIZE: '1000',
      }),
    ).toEqual({ globalPoliciesConfigMap: 'global-policies', defaultVolumesToFsBackup: true, listPageSize: 1000 });
  });

  it.each([
    [{ FERRY_DEFAULT_VOLUMES_TO_FS_BACKUP: 'yes' }, /FERRY_DEFAULT_VOLUMES_TO_FS_BACKUP="yes" is not a boolean: use true or false/],
    [{ FERRY_POLICY_LIST_PAGE_SIZE: '0' }, /FERRY_POLICY_LIST_PAGE_SIZE="0" is not a page size/],
    [{ FERRY_POLICY_LIST_PAGE_SIZE: 'many' }, /FERRY_POLICY_LIST_PAGE_SIZE="many"/],
  ])('rejects %j naming the variable', (env, message) => {
    expect(() => readPolicyServiceSettings(env)).toThrow(InvalidPolicyServiceConfigError);
    expect(() => readPolicyServiceSettings(env)).toThrow(message);
  });
});
