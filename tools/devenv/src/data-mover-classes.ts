// The built-in DataMoverClasses (deploy/base/data-mover-classes.yaml: ferry-kopia, the default,
// and ferry-restic), installed into the dev environment as deploy/base installs them in a cluster.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { DataMoverClass } from '@ferry/api';
import { isAlreadyExists, type ApiRequester } from '@ferry/kube';
import { parseAllDocuments } from 'yaml';

/** The manifest of the built-in classes. */
export const dataMoverClassesManifest = resolve(__dirname, '../../../deploy/base/data-mover-classes.yaml');

/** Reads the DataMoverClasses of `file`. */
export async function readDataMoverClasses(file: string = dataMoverClassesManifest): Promise<DataMoverClass[]> {
  return parseAllDocuments(await readFile(file, 'utf8'))
    .map((doc) => doc.toJS() as DataMoverClass | null)
    .filter((object): object is DataMoverClass => object?.kind === 'DataMoverClass');
}

/** Creates each class unless one of that name exists (then it is left as it is). */
export async function installDataMoverClasses(api: ApiRequester, classes: readonly DataMoverClass[]): Promise<void> {
  for (const body of classes) {
    try {
      await api.request({ method: 'POST', path: '/apis/datamover.oadp.openshift.io/v1alpha1/datamoverclasses', body });
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
  }
}
