// Velero's `--disable-controllers`: a server that runs every controller but the ones named.
import { InvalidServiceConfigError } from './errors';

/**
 * The controllers `FERRY_DISABLE_CONTROLLERS` names (comma-separated, blanks ignored), each one of
 * `known`. Pure. Throws {@link InvalidServiceConfigError} naming the unknown entry and the valid names.
 */
export function readDisabledControllers(env: Readonly<Record<string, string | undefined>>, known: readonly string[]): ReadonlySet<string> {
  const names = (env['FERRY_DISABLE_CONTROLLERS'] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.find((name) => !known.includes(name));
  if (unknown !== undefined) {
    throw new InvalidServiceConfigError(
      `FERRY_DISABLE_CONTROLLERS names ${JSON.stringify(unknown)}, which is not a controller: use a comma-separated list of ${known.join(', ')}`,
    );
  }
  return new Set(names);
}
