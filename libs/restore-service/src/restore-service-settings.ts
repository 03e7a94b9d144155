// The Restore controller's settings from the environment.

/** Settings of the Restore controller. */
export interface RestoreServiceSettings {
  /**
   * `FERRY_DEFAULT_RESOURCE_MODIFIER_CONFIGMAP` (Velero's `--default-resource-modifier-configmap`):
   * the resource-modifiers ConfigMap, in Ferry's namespace, applied to Restores without their own
   * `spec.resourceModifier` unless they set `spec.skipDefaultResourceModifier`; '' = none.
   */
  readonly defaultResourceModifierConfigMap: string;
}

/** Reads the settings from `env` (unset or blank = no default ConfigMap). Pure. */
export function readRestoreServiceSettings(env: Readonly<Record<string, string | undefined>>): RestoreServiceSettings {
  return { defaultResourceModifierConfigMap: env['FERRY_DEFAULT_RESOURCE_MODIFIER_CONFIGMAP']?.trim() ?? '' };
}
