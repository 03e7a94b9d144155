import { AppsV1Api, CoreV1Api, CustomObjectsApi, KubeConfig, StorageV1Api } from '@kubernetes/client-node';
import { createApiRequester, type ApiRequester } from './api-requester';
import { KubeError, KubeErrorCode } from './errors';

/** Where the credentials come from: a kubeconfig file (optionally a context in it) or the pod's service account. */
export type KubeConfigSource =
  { readonly kind: 'file'; readonly kubeconfigPath: string; readonly context?: string } | { readonly kind: 'in-cluster' };

/**
 * The typed APIs Ferry uses, all sharing one configuration. Clients hold no connections of their
 * own: there is nothing to close.
 */
export interface KubeClient {
  readonly config: KubeConfig;
  readonly core: CoreV1Api;
  readonly apps: AppsV1Api;
  readonly storage: StorageV1Api;
  readonly customObjects: CustomObjectsApi;
  /** Raw calls for generic listing and paths the typed clients lack. */
  readonly requester: ApiRequester;
}

/**
 * Loads the configuration and builds the clients. Synchronous and offline (nothing is contacted);
 * throws `KubeError` `KUBE_CONFIG` when the file cannot be read or the in-cluster environment is
 * missing.
 */
export function createKubeClient(source: KubeConfigSource): KubeClient {
  return kubeClientFromConfig(loadKubeConfig(source));
}

/** Builds the clients over an already loaded configuration (tests that rewrite the server URL use it). */
export function kubeClientFromConfig(config: KubeConfig): KubeClient {
  return {
    config,
    core: config.makeApiClient(CoreV1Api),
    apps: config.makeApiClient(AppsV1Api),
    storage: config.makeApiClient(StorageV1Api),
    customObjects: config.makeApiClient(CustomObjectsApi),
    requester: createApiRequester(config),
  };
}

/** Loads a `KubeConfig` from `source`; throws `KubeError` `KUBE_CONFIG` with the reason. */
export function loadKubeConfig(source: KubeConfigSource): KubeConfig {
  const config = new KubeConfig();
  try {
    if (source.kind === 'in-cluster') {
      if (!process.env['KUBERNETES_SERVICE_HOST']) throw new Error('KUBERNETES_SERVICE_HOST is not set (not running in a pod?)');
      config.loadFromCluster();
    } else {
      config.loadFromFile(source.kubeconfigPath);
      if (source.context) config.setCurrentContext(source.context);
    }
  } catch (error) {
    const where = source.kind === 'in-cluster' ? 'the in-cluster service account' : source.kubeconfigPath;
    throw new KubeError(KubeErrorCode.Config, `cannot load Kubernetes credentials from ${where}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!config.getCurrentCluster()) {
    throw new KubeError(
      KubeErrorCode.Config,
      `no current cluster in the Kubernetes configuration (${source.kind === 'file' ? source.kubeconfigPath : 'in-cluster'})`,
    );
  }
  return config;
}
