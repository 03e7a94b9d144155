import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FerryService } from '@ferry/contracts';
import { appNatsIdentity, natsCredentialsFile, natsTestUser, testNatsNamespaces, writeNatsAuthorization } from './nats-auth';

describe('appNatsIdentity', () => {
  it.each([
    ['controller', {}, { service: FerryService.Controller }],
    ['volume-info', {}, { service: FerryService.VolumeInfo }],
    ['mover', { FERRY_NODE_NAME: 'ferry-node-2' }, { service: FerryService.Mover, node: 'ferry-node-2' }],
    ['mover', {}, undefined],
    ['cli', {}, undefined],
  ])('%s with %j runs as %j', (app, env, identity) => {
    expect(appNatsIdentity(app, env)).toEqual(identity);
  });
});

describe('writeNatsAuthorization', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'ferry-nats-auth-spec-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('writes each identity a 0600 credentials file whose user and password are in the 0600 server config', async () => {
    const written = await writeNatsAuthorization(folder, ['ferry-node-1']);
    const config = await readFile(written.configFile, 'utf8');
    const file = natsCredentialsFile(folder, testNatsNamespaces[0] ?? '', { service: FerryService.Mover, node: 'ferry-node-1' });
    const credentials = JSON.parse(await readFile(file, 'utf8')) as { user: string; password: string };
    expect(credentials.user).toBe(`${testNatsNamespaces[0]}-mover-ferry-node-1`);
    expect(config).toContain(`user: "${credentials.user}"\n      password: "${credentials.password}"`);
    expect(config).toContain(`user: "${natsTestUser}"\n      password: "${written.testCredentials.password}"`);
    for (const path of [file, written.configFile]) expect((await stat(path)).mode & 0o777).toBe(0o600);
    // Ferry's namespace and every pool namespace: 4 services and one mover each, plus the test identity.
    expect(config.match(/user: /g)).toHaveLength((testNatsNamespaces.length + 1) * 5 + 1);
  });
});
