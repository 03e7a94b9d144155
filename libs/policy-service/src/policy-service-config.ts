// The policy service's own settings, read from the environment next to the shared ServiceConfig.
import { InvalidPolicyServiceConfigError } from './errors';

/** Settings of the policy service (beyond the shared `ServiceConfig`). */
export interface PolicyServiceSettings {
  /**
   * `FERRY_GLOBAL_VOLUME_POLICIES_CONFIGMAP`: a ConfigMap in FERRY_NAMESPACE whose volume
   * policies are appended after every Backup's own (Velero's
   * `--global-backup-volume-policies-configmap`); unset = none.
   */
  readonly globalPoliciesConfigMap?: string;
  /**
   * `FERRY_DEFAULT_VOLUMES_TO_FS_BACKUP`: the server default for Backups that leave
   * `spec.defaultVolumesToFsBackup` unset (Velero's `--default-volumes-to-fs-backup`); default false.
   */
  readonly defaultVolumesToFsBackup: boolean;
  /** `FERRY_POLICY_LIST_PAGE_SIZE`: `limit` of each list page; default 500 (client-go's pager default). */
  readonly listPageSize: number;
}

/** Defaults of {@link PolicyServiceSettings}. */
export const defaultPolicyServiceSettings: PolicyServiceSettings = { defaultVolumesToFsBackup: false, listPageSize: 500 };

/**
 * Reads the settings from `env`. Pure. Throws {@link InvalidPolicyServiceConfigError} naming the
 * variable and the allowed values when one is malformed.
 */
export function readPolicyServiceSettings(env: Readonly<Record<string, string | undefined>>): PolicyServiceSettings {
  const globalPoliciesConfigMap = env['FERRY_GLOBAL_VOLUME_POLICIES_CONFIGMAP']?.trim() || undefined;
  const rawDefault = env['FERRY_DEFAULT_VOLUMES_TO_FS_BACKUP']?.trim().toLowerCase() ?? '';
  if (!['', 'true', 'false'].includes(rawDefault)) {
    throw new InvalidPolicyServiceConfigError(
      `FERRY_DEFAULT_VOLUMES_TO_FS_BACKUP=${JSON.stringify(env['FERRY_DEFAULT_VOLUMES_TO_FS_BACKUP'])} is not a boolean: use true or false`,
    );
  }
  const rawPageSize = env['FERRY_POLICY_LIST_PAGE_SIZE']?.trim() ?? '';
  const listPageSize = rawPageSize === '' ? defaultPolicyServiceSettings.listPageSize : Number(rawPageSize);
  if (!Number.isInteger(listPageSize) || listPageSize < 1) {
    throw new InvalidPolicyServiceConfigError(
      `FERRY_POLICY_LIST_PAGE_SIZE=${JSON.stringify(rawPageSize)} is not a page size: use a positive integer (default 500)`,
    );
  }
  return { ...(globalPoliciesConfigMap ? { globalPoliciesConfigMap } : {}), defaultVolumesToFsBackup: rawDefault === 'true', listPageSize };
}
