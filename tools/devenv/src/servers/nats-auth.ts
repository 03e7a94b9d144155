// The environment's NATS identities: one user per Ferry service (the mover per node) in Ferry's
// contract namespace and in each namespace of the test pool, with the permissions
// `natsPermissions` derives from the contracts, plus one test identity allowed everything.
// Passwords are random per run; each identity's credentials file is what its service gets through
// NATS_CREDENTIALS_FILE (a Secret's file in a cluster). Nothing here is logged.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createFerryContracts,
  FerryService,
  natsIdentities,
  natsPermissions,
  natsUserName,
  renderNatsAuthorization,
  type NatsIdentity,
  type NatsUser,
} from '@ferry/contracts';
import type { NatsCredentials } from '@ferry/nats';

/** Ferry's own contract namespace (what `npm start` and benchmarks use). */
export const ferryNatsNamespace = 'ferry';

/**
 * Contract namespaces test files claim one at a time (`claimTestNatsNamespace`) to run Ferry's
 * services on a private topology: their identities exist in the server's config from the start.
 */
export const testNatsNamespaces: readonly string[] = Array.from({ length: 24 }, (_unused, i) => `it${String(i + 1).padStart(2, '0')}`);

/** The NATS user of the test identity: may publish and subscribe to anything (test code only). */
export const natsTestUser = 'ferry-test';

/** What `writeNatsAuthorization` produced. */
export interface NatsAuthorization {
  /** nats-server config fragment with the `authorization` block (mode 0600: it holds passwords). */
  readonly configFile: string;
  readonly testCredentials: NatsCredentials;
}

/**
 * The folder of `namespace`'s mover identities, `<node>.json` each, as Secret `ferry-nats-mover` holds
 * them: what a controller issuing mover identities reads (`FERRY_MOVER_NATS_CREDENTIALS_DIR`). Pure.
 */
export function moverNatsCredentialsDir(stateDir: string, namespace: string): string {
  return join(stateDir, 'nats-credentials', namespace, 'movers');
}

/**
 * Where the credentials of `identity` in `namespace` are: `<stateDir>/nats-credentials/<namespace>/<user>.json`,
 * a mover's in {@link moverNatsCredentialsDir}. Pure.
 */
export function natsCredentialsFile(stateDir: string, namespace: string, identity: NatsIdentity): string {
  if (identity.service === FerryService.Mover) return join(moverNatsCredentialsDir(stateDir, namespace), `${identity.node}.json`);
  return join(stateDir, 'nats-credentials', namespace, `${natsUserName(namespace, identity)}.json`);
}

/** The identity an app (`apps/<app>`) runs as; the mover's node from its `FERRY_NODE_NAME`. Undefined for apps without one. */
export function appNatsIdentity(app: string, env: Readonly<Record<string, string>>): NatsIdentity | undefined {
  if (app === FerryService.Mover) return env['FERRY_NODE_NAME'] ? { service: FerryService.Mover, node: env['FERRY_NODE_NAME'] } : undefined;
  const service = Object.values(FerryService).find((s) => s === app);
  return service === undefined || service === FerryService.Mover ? undefined : { service };
}

const newPassword = (): string => randomBytes(24).toString('base64url');

async function namespaceUsers(stateDir: string, namespace: string, nodes: readonly string[]): Promise<NatsUser[]> {
  const contracts = createFerryContracts({ namespace });
  await mkdir(moverNatsCredentialsDir(stateDir, namespace), { recursive: true, mode: 0o700 });
  const users: NatsUser[] = [];
  for (const identity of natsIdentities(nodes)) {
    const credentials = { user: natsUserName(namespace, identity), password: newPassword() };
    await writeFile(natsCredentialsFile(stateDir, namespace, identity), JSON.stringify(credentials), { mode: 0o600 });
    users.push({ user: credentials.user, password: { value: credentials.password }, permissions: natsPermissions(contracts, identity) });
  }
  return users;
}

/**
 * Writes every identity's credentials file and the server's authorization config under
 * `stateDir`, for Ferry's namespace and the test pool, movers on `nodes`.
 */
export async function writeNatsAuthorization(stateDir: string, nodes: readonly string[]): Promise<NatsAuthorization> {
  const users: NatsUser[] = [];
  for (const namespace of [ferryNatsNamespace, ...testNatsNamespaces]) users.push(...(await namespaceUsers(stateDir, namespace, nodes)));
  const testCredentials = { user: natsTestUser, password: newPassword() };
  users.push({
    user: natsTestUser,
    password: { value: testCredentials.password },
    permissions: { publish: ['>'], subscribe: ['>'], allowResponses: true },
  });
  const configFile = join(stateDir, 'nats-auth.conf');
  await writeFile(configFile, renderNatsAuthorization(users), { mode: 0o600 });
  return { configFile, testCredentials };
}
