// A Ferry service started from source runs as its own ServiceAccount, as in a cluster: the account
// and its RBAC from deploy/base are applied into the service's namespace, a token is requested for
// it (TokenRequest, as the kubelet does for a pod) and written into a kubeconfig of its own.
import { writeFile } from 'node:fs/promises';
import { createApiRequester, isAlreadyExists, loadKubeConfig, toKubeError, type ApiRequester } from '@ferry/kube';
import { stringify } from 'yaml';
import { readBaseManifests } from '../base-manifests';
import { serviceAccountOf, serviceIdentityObjects, type ManifestObject } from '../service-rbac';

/**
 * How long a service's token lives. A pod's projected token is refreshed by the kubelet; the
 * devenv writes it once, so it outlives a test run or `npm start` session of a working week.
 */
export const serviceTokenLifetimeSeconds = 7 * 24 * 3600;

const fieldManager = 'ferry-devenv';

/** The REST path of one manifest object (ServiceAccount and RBAC kinds: plural = kind + s). */
function objectPath(object: ManifestObject): string {
  const root = object.apiVersion.includes('/') ? `/apis/${object.apiVersion}` : `/api/${object.apiVersion}`;
  const scope = object.metadata.namespace ? `/namespaces/${encodeURIComponent(object.metadata.namespace)}` : '';
  return `${root}${scope}/${object.kind.toLowerCase()}s/${encodeURIComponent(object.metadata.name)}`;
}

/** Server-side applies `objects` in order (idempotent; concurrent starts of one service agree). */
export async function applyObjects(api: ApiRequester, objects: readonly ManifestObject[]): Promise<void> {
  for (const object of objects) {
    await api.request({
      method: 'PATCH',
      path: objectPath(object),
      query: { fieldManager, force: true },
      contentType: 'application/apply-patch+yaml',
      body: object,
    });
  }
}

/**
 * The pod `<serviceAccount>-<node>` of `serviceAccount` on `node`, as a DaemonSet places one there
 * (created when absent; the node simulator reports it running), for a token bound to it. Resolves
 * to its name and uid.
 */
async function podOnNode(
  api: ApiRequester,
  namespace: string,
  serviceAccount: string,
  node: string,
): Promise<{ name: string; uid: string }> {
  const name = `${serviceAccount}-${node}`;
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`;
  const pod = await api
    .request<{ metadata: { uid: string } }>({
      method: 'POST',
      path,
      body: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace, labels: { 'app.kubernetes.io/name': 'ferry', 'app.kubernetes.io/component': 'service-identity' } },
        spec: { nodeName: node, serviceAccountName: serviceAccount, containers: [{ name: 'service', image: 'ferry' }] },
      },
    })
    .catch(async (error: unknown) => {
      if (!isAlreadyExists(toKubeError(error, `create pod ${namespace}/${name}`))) throw error;
      return api.request<{ metadata: { uid: string } }>({ method: 'GET', path: `${path}/${encodeURIComponent(name)}` });
    });
  return { name, uid: pod.metadata.uid };
}

/**
 * Applies the identity of `app` (ServiceAccount `ferry-<app>` with the Roles, ClusterRoles and
 * bindings deploy/base gives it, moved into `namespace`) with the admin credentials of
 * `adminKubeconfigPath`, requests a token for the account and writes a kubeconfig holding it to
 * `kubeconfigPath` (mode 0600; the same cluster and CA as the admin's). With `node`, the token is
 * bound to a pod of the account on that node, as a DaemonSet pod's projected token is: its
 * TokenReview names the pod and the node. Rejects with the API server's error, or with
 * `DevEnvError` when deploy/base has no account for `app`.
 */
export async function writeServiceKubeconfig(
  adminKubeconfigPath: string,
  app: string,
  namespace: string,
  kubeconfigPath: string,
  node?: string,
): Promise<void> {
  const admin = loadKubeConfig({ kind: 'file', kubeconfigPath: adminKubeconfigPath });
  const api = createApiRequester(admin);
  const serviceAccount = serviceAccountOf(app);
  await applyObjects(api, serviceIdentityObjects(await readBaseManifests(), serviceAccount, namespace));
  const boundPod = node ? await podOnNode(api, namespace, serviceAccount, node) : undefined;
  const tokenRequest = await api.request<{ status: { token: string } }>({
    method: 'POST',
    path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/serviceaccounts/${serviceAccount}/token`,
    body: {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: {
        expirationSeconds: serviceTokenLifetimeSeconds,
        ...(boundPod ? { boundObjectRef: { apiVersion: 'v1', kind: 'Pod', ...boundPod } } : {}),
      },
    },
  });
  const cluster = admin.getCurrentCluster();
  const kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'ferry-devenv',
        cluster: {
          server: cluster?.server,
          ...(cluster?.caFile ? { 'certificate-authority': cluster.caFile } : {}),
          ...(cluster?.caData ? { 'certificate-authority-data': cluster.caData } : {}),
        },
      },
    ],
    users: [{ name: `${namespace}:${serviceAccount}`, user: { token: tokenRequest.status.token } }],
    contexts: [{ name: 'ferry-devenv', context: { cluster: 'ferry-devenv', user: `${namespace}:${serviceAccount}`, namespace } }],
    'current-context': 'ferry-devenv',
  };
  await writeFile(kubeconfigPath, stringify(kubeconfig), { mode: 0o600 });
}
