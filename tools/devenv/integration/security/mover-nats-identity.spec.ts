// A mover's NATS identity is issued by the controller for the mover pod's own token, as deploy/base
// runs it: movers mount no NATS Secret, so none can read another node's password. The controller
// (its API guard: TokenReview + SubjectAccessReview) answers a token bound to a pod on node N with
// node N's identity only; a token bound to no pod, another service's account or no token get none.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FerryService, natsUserName } from '@ferry/contracts';
import { authorizationHeaderOf, createKubeClient, loadKubeConfig } from '@ferry/kube';
import { moverNatsCredentialsDir } from '../../src/servers/nats-auth';
import { writeServiceKubeconfig } from '../../src/servers/service-identity';
import {
  connectTestContracts,
  createTestNamespace,
  deleteTestNamespace,
  ferryServiceInstances,
  loadEnvironmentInfo,
  startFerryService,
  testAppEnv,
  type FerryServiceProcess,
  type TestContracts,
} from '../../src/testing';

jest.setTimeout(240_000);

describe('mover NATS identity - issued by the controller for a pod-bound token of the mover’s node', () => {
  const info = loadEnvironmentInfo();
  const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
  const nodes = info.nodes.map((node) => node.name);
  let namespace: string;
  let test: TestContracts;
  let workRoot: string;
  const services: FerryServiceProcess[] = [];
  let controller: FerryServiceProcess;

  /** The Authorization header of ServiceAccount `ferry-<app>`'s token, bound to a pod on `node` when given. */
  const tokenOf = async (app: string, node?: string): Promise<string> => {
    const kubeconfigPath = join(workRoot, `${app}-${node ?? 'unbound'}.kubeconfig`);
    await writeServiceKubeconfig(info.kubeconfigPath, app, namespace, kubeconfigPath, node);
    return (await authorizationHeaderOf(loadKubeConfig({ kind: 'file', kubeconfigPath }))) ?? '';
  };
  const ask = (authorization?: string) =>
    fetch(`${controller.url}/v1/mover-nats-credentials`, { headers: authorization ? { authorization } : {} });
  const identityFile = async (node: string) =>
    JSON.parse(await readFile(join(moverNatsCredentialsDir(info.stateDir, test.contracts.namespace), `${node}.json`), 'utf8')) as {
      user: string;
      password: string;
    };

  beforeAll(async () => {
    namespace = await createTestNamespace(kube, 'mover-identity');
    test = await connectTestContracts('mover-identity-it', info);
    workRoot = await mkdtemp(join(tmpdir(), 'ferry-mover-identity-it-'));
    const target = { natsUrl: info.natsUrl, kubeconfigPath: info.kubeconfigPath, namespace, natsNamespace: test.contracts.namespace };
    const hosts = { nodes: info.nodes, binaries: info.binaries, workRoot };
    const [controllerInstance] = ferryServiceInstances('controller', hosts, testAppEnv);
    controller = await startFerryService({ ...controllerInstance!, name: `${namespace}-controller` }, info.stateDir, target);
    services.push(controller);
    for (const mover of ferryServiceInstances('mover', hosts, testAppEnv)) {
      services.push(
        await startFerryService({ ...mover, name: `${namespace}-${mover.name}` }, info.stateDir, {
          ...target,
          moverNatsIdentityIssuer: controller.url,
        }),
      );
    }
  });
  afterAll(async () => {
    await Promise.all(services.map((service) => service.process.stop()));
    await test?.dispose();
    await deleteTestNamespace(kube, namespace);
    await rm(workRoot, { recursive: true, force: true });
  });

  it('every mover got its identity from the controller and is ready; none has a credentials file', async () => {
    const movers = services.filter((service) => service.name.includes('-mover-'));
    expect(movers).toHaveLength(nodes.length);
    for (const mover of movers) {
      expect((await fetch(`${mover.url}/readyz`)).status).toBe(200);
      const environ = (await readFile(`/proc/${mover.process.pid}/environ`, 'utf8')).split('\0');
      expect(environ.filter((line) => line.startsWith('NATS_CREDENTIALS_'))).toEqual([
        `NATS_CREDENTIALS_URL=${controller.url}/v1/mover-nats-credentials`,
      ]);
    }
    const log = await readFile(join(info.stateDir, `${namespace}-controller.log`), 'utf8');
    for (const node of nodes) {
      expect(log).toContain(`"node":"${node}"`);
      expect(log).not.toContain((await identityFile(node)).password);
    }
  });

  it.each([0, 1])('a token bound to a mover pod on node %i gets that node’s identity, and only it', async (index) => {
    const node = nodes[index] ?? '';
    const response = await ask(await tokenOf('mover', node));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const credentials = (await response.json()) as { user: string; password: string };
    expect(credentials).toEqual(await identityFile(node));
    expect(credentials.user).toBe(natsUserName(test.contracts.namespace, { service: FerryService.Mover, node }));
  });

  it('refuses the mover’s token bound to no pod (403), another service’s pod-bound token (403), and no token (401)', async () => {
    const unbound = await ask(await tokenOf('mover'));
    expect(unbound.status).toBe(403);
    expect(((await unbound.json()) as { detail: string }).detail).toContain(
      `the token of "system:serviceaccount:${namespace}:ferry-mover" is not bound to a pod on a node`,
    );
    const otherService = await ask(await tokenOf('volume-info', nodes[0]));
    expect(otherService.status).toBe(403);
    expect(((await otherService.json()) as { detail: string }).detail).toContain(
      `"system:serviceaccount:${namespace}:ferry-volume-info" may not get ferry.io movernatscredentials in namespace "${namespace}"`,
    );
    expect((await ask()).status).toBe(401);
  });
});
