import { natsDeployObjects, natsPasswordVariable } from './nats-deploy-auth';

let counter = 0;
const newPassword = () => `password-number-${String((counter += 1)).padStart(4, '0')}`;

describe('natsDeployObjects', () => {
  const objects = natsDeployObjects({ nodes: ['node-a', 'node-b'], newPassword });
  const byName = new Map(objects.map((object) => [object.metadata.name, object]));

  it('renders the authorization ConfigMap with every user and no password in it', () => {
    const config = byName.get('ferry-nats-authorization')?.data?.['authorization.conf'] ?? '';
    for (const user of [
      'ferry-controller',
      'ferry-exposer',
      'ferry-policy',
      'ferry-volume-info',
      'ferry-mover-node-a',
      'ferry-mover-node-b',
    ]) {
      expect(config).toContain(`user: "${user}"`);
      expect(config).toContain(`password: $${natsPasswordVariable(user)}\n`);
    }
    expect(config).not.toMatch(/password-number/);
  });

  it('gives nats-server each password under its variable, and each service the same one in its own Secret', () => {
    const passwords = byName.get('ferry-nats-passwords')?.stringData ?? {};
    const controller = JSON.parse(byName.get('ferry-nats-controller')?.stringData?.['credentials.json'] ?? '{}') as Record<string, string>;
    expect(controller['user']).toBe('ferry-controller');
    expect(passwords['NATS_PASSWORD_FERRY_CONTROLLER']).toBe(controller['password']);
    const movers = byName.get('ferry-nats-mover')?.stringData ?? {};
    expect(Object.keys(movers).sort()).toEqual(['node-a.json', 'node-b.json']);
    const moverB = JSON.parse(movers['node-b.json'] ?? '{}') as Record<string, string>;
    expect(passwords['NATS_PASSWORD_FERRY_MOVER_NODE_B']).toBe(moverB['password']);
    expect(new Set(Object.values(passwords)).size).toBe(Object.keys(passwords).length);
  });

  it('names one Secret per service', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'ConfigMap/ferry-nats-authorization',
      'Secret/ferry-nats-controller',
      'Secret/ferry-nats-exposer',
      'Secret/ferry-nats-mover',
      'Secret/ferry-nats-passwords',
      'Secret/ferry-nats-policy',
      'Secret/ferry-nats-volume-info',
    ]);
  });
});
