/** Jest global teardown of the integration suite: stops the environment the setup started. */
export default async function teardown(): Promise<void> {
  await globalThis.ferryEnvironment?.stop();
}
