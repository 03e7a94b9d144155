// deploy/base rendered in-process: its kustomization is a plain list of resource files, so reading
// those files in order is what `kubectl kustomize deploy/base` outputs for them (the deploy manifest
// spec checks the two agree). Anything more (patches, prefixes, a namespace transform) is refused
// rather than ignored.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { DevEnvError, DevEnvErrorCode } from './errors';
import type { ManifestObject } from './service-rbac';

/** deploy/base of this checkout. */
export const baseDirectory = resolve(__dirname, '../../../deploy/base');

const supportedKeys = new Set(['apiVersion', 'kind', 'resources']);

/**
 * The objects of `dir`'s kustomization: every document of its resource files, in order. Resources
 * that are folders (`../crds`: installed by the devenv on their own) are left out. Rejects with
 * `DevEnvError` `NOT_READY` naming the key when the kustomization uses more than `resources`.
 */
export async function readBaseManifests(dir: string = baseDirectory): Promise<ManifestObject[]> {
  const kustomization = parse(await readFile(join(dir, 'kustomization.yaml'), 'utf8')) as Record<string, unknown>;
  const unsupported = Object.keys(kustomization).filter((key) => !supportedKeys.has(key));
  if (unsupported.length > 0) {
    throw new DevEnvError(
      DevEnvErrorCode.NotReady,
      `${join(dir, 'kustomization.yaml')} uses ${unsupported.join(', ')}; the devenv renders plain resource lists only — move transforms into an overlay`,
      false,
    );
  }
  const files = ((kustomization['resources'] ?? []) as string[]).filter((resource) => resource.endsWith('.yaml'));
  const objects: ManifestObject[] = [];
  for (const file of files) {
    for (const document of parseAllDocuments(await readFile(join(dir, file), 'utf8'))) {
      const object = document.toJS() as ManifestObject | null;
      if (object) objects.push(object);
    }
  }
  return objects;
}
