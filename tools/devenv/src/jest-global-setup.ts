import { startEnvironment, type Environment } from './environment';
import { environmentInfoVariable } from './environment-info';

declare global {
  var ferryEnvironment: Environment | undefined;
}

/**
 * Jest global setup of the integration suite: starts one environment for every test file and
 * hands its info to the workers through `FERRY_DEVENV_INFO`.
 */
export default async function setup(): Promise<void> {
  const environment = await startEnvironment({
    onProgress: (line) => process.stderr.write(`[devenv] ${line}\n`),
  });
  process.env[environmentInfoVariable] = environment.infoPath;
  globalThis.ferryEnvironment = environment;
}
