import { readFileSync } from 'node:fs';
import type { NatsCredentials } from '@ferry/nats';
import type { Binaries } from './binaries';
import type { JaegerInfo } from './servers/jaeger-server';
import type { S3Info } from './servers/minio-server';

/** A simulated node: its name and the folder that plays its kubelet root (`<root>/pods/...`). */
export interface SimulatedNodeInfo {
  readonly name: string;
  readonly root: string;
}

/**
 * Everything a client needs to use a running environment. Written to `<stateDir>/environment.json`
 * (mode 0600: it holds the S3 keys and the NATS test identity) and read back by tests through `loadEnvironmentInfo`.
 */
export interface EnvironmentInfo {
  readonly stateDir: string;
  readonly kubeconfigPath: string;
  readonly kubeApiServerUrl: string;
  readonly natsUrl: string;
  /**
   * The test identity: test code that connects to NATS itself passes it as `credentials` (the
   * server refuses anonymous clients). Allowed every subject: never given to a Ferry service.
   */
  readonly natsTestCredentials: NatsCredentials;
  readonly s3: S3Info;
  /** The trace store every Ferry service exports its spans to. */
  readonly jaeger: JaegerInfo;
  readonly binaries: Binaries;
  readonly nodes: readonly SimulatedNodeInfo[];
  /** Where Ferry's services look for Backups and their ConfigMaps (`velero`). */
  readonly ferryNamespace: string;
  /** Ferry services started with the environment, and their HTTP API. */
  readonly services: readonly { readonly name: string; readonly url: string }[];
}

/** The variable through which the jest global setup hands the environment to test files. */
export const environmentInfoVariable = 'FERRY_DEVENV_INFO';

/**
 * Reads the info of the environment started by the integration test setup. Throws when none is
 * running, naming the command that starts one.
 */
export function loadEnvironmentInfo(): EnvironmentInfo {
  const file = process.env[environmentInfoVariable];
  if (!file) {
    throw new Error(
      `${environmentInfoVariable} is not set: run integration tests through \`npm test\` (jest -c jest.integration.config.js), which starts the environment`,
    );
  }
  return JSON.parse(readFileSync(file, 'utf8')) as EnvironmentInfo;
}
