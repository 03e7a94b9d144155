// The Restore controller's settings from the environment.
import { defaultRestorePriorities, restorePrioritiesFromFlag, type RestorePriorities } from '@ferry/restore';
import { InvalidServiceConfigError } from '@ferry/service-runtime';

/** Settings of the Restore controller. */
export interface RestoreServiceSettings {
  /**
   * `FERRY_DEFAULT_RESOURCE_MODIFIER_CONFIGMAP` (Velero's `--default-resource-modifier-configmap`):
   * the resource-modifiers ConfigMap, in Ferry's namespace, applied to Restores without their own
   * `spec.resourceModifier` unless they set `spec.skipDefaultResourceModifier`; '' = none.
   */
  readonly defaultResourceModifierConfigMap: string;
  /**
   * `FERRY_RESTORE_RESOURCE_PRIORITIES` (Velero's `--restore-resource-priorities`): the order of
   * resource types, high list, a single `-`, low list; unset or blank = Velero's default list.
   */
  readonly priorities: RestorePriorities;
}

const prioritiesVariable = 'FERRY_RESTORE_RESOURCE_PRIORITIES';

/**
 * Reads the settings from `env` (unset or blank = Velero's defaults). Pure. Throws
 * {@link InvalidServiceConfigError} naming the variable, the reason and the expected form.
 */
export function readRestoreServiceSettings(env: Readonly<Record<string, string | undefined>>): RestoreServiceSettings {
  const prioritiesText = env[prioritiesVariable]?.trim() ?? '';
  let priorities: RestorePriorities;
  try {
    priorities = restorePrioritiesFromFlag(prioritiesText, defaultRestorePriorities);
  } catch (error) {
    throw new InvalidServiceConfigError(
      `${prioritiesVariable}=${JSON.stringify(prioritiesText)}: ${(error as Error).message}; give high-priority resources, a single "-", then low-priority ones`,
      { cause: error },
    );
  }
  return { defaultResourceModifierConfigMap: env['FERRY_DEFAULT_RESOURCE_MODIFIER_CONFIGMAP']?.trim() ?? '', priorities };
}
