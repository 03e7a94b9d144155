// deploy/'s NATS authentication and TLS: every Ferry workload reads its own identity from its own
// Secret, the bundled nats-server's config (with the authorization `npm run nats:deploy-auth`
// renders) is accepted by the real nats-server, and the production overlay requires TLS.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FerryService } from '@ferry/contracts';
import { natsDeployObjects, natsSecretName } from '../src/nats-deploy-auth';
import { loadEnvironmentInfo } from '../src/testing';
import { find, hasKubectl, render, type ConfigMapObject, type KubeObject } from './manifest-support';

interface Mount {
  readonly name: string;
  readonly mountPath: string;
}
interface Volume {
  readonly name: string;
  readonly secret?: { readonly secretName: string; readonly items?: readonly { readonly key: string }[] };
}
interface NatsWorkload extends KubeObject {
  readonly spec: {
    readonly template: {
      readonly spec: {
        readonly containers: readonly {
          readonly env?: readonly { readonly name: string; readonly value?: string }[];
          readonly envFrom?: readonly { readonly secretRef?: { readonly name: string } }[];
          readonly volumeMounts?: readonly Mount[];
        }[];
        readonly volumes?: readonly Volume[];
      };
    };
  };
}

const workloads = [
  ['Deployment', 'ferry-policy', FerryService.Policy],
  ['Deployment', 'ferry-exposer', FerryService.Exposer],
  ['Deployment', 'ferry-controller', FerryService.Controller],
  ['Deployment', 'ferry-volume-info', FerryService.VolumeInfo],
  ['DaemonSet', 'ferry-mover', FerryService.Mover],
] as const;

/** The Secret mounted at the folder holding `file`, in the first container. */
function secretHolding(workload: NatsWorkload, file: string): string | undefined {
  const { containers, volumes } = workload.spec.template.spec;
  const mount = containers[0]?.volumeMounts?.find((m) => file.startsWith(`${m.mountPath}/`));
  return volumes?.find((v) => v.name === mount?.name)?.secret?.secretName;
}

const describeWithKubectl = hasKubectl ? describe : describe.skip;

describeWithKubectl('deploy NATS - every workload its own identity (a Secret, the movers issued theirs); TLS in production', () => {
  let local: KubeObject[];
  let production: KubeObject[];
  beforeAll(async () => {
    [local, production] = await Promise.all([render('local'), render('production')]);
  });

  it.each(workloads.filter(([, , service]) => service !== FerryService.Mover))(
    '%s %s reads NATS_CREDENTIALS_FILE from its own Secret',
    (kind, name, service) => {
      const workload = find<NatsWorkload>(local, kind, name);
      const file = workload.spec.template.spec.containers[0]?.env?.find((e) => e.name === 'NATS_CREDENTIALS_FILE')?.value ?? '';
      expect(secretHolding(workload, file)).toBe(natsSecretName(service));
      const generated = natsDeployObjects({ nodes: ['node-a'], newPassword: () => 'a-password-of-sixteen' });
      const keys = Object.keys(generated.find((o) => o.metadata.name === natsSecretName(service))?.stringData ?? {});
      expect(keys).toContain(file.split('/').pop());
    },
  );

  it("the mover mounts no NATS Secret: it asks the controller, which alone mounts every node's identity", () => {
    const mover = find<NatsWorkload>(local, 'DaemonSet', 'ferry-mover');
    const env = mover.spec.template.spec.containers[0]?.env ?? [];
    expect(env.filter((e) => e.name.startsWith('NATS_CREDENTIALS_'))).toEqual([
      { name: 'NATS_CREDENTIALS_URL', value: 'http://ferry-controller:8080/v1/mover-nats-credentials' },
    ]);
    expect(mover.spec.template.spec.volumes?.filter((v) => v.secret)).toEqual([]);
    const controller = find<NatsWorkload>(local, 'Deployment', 'ferry-controller');
    const folder = controller.spec.template.spec.containers[0]?.env?.find((e) => e.name === 'FERRY_MOVER_NATS_CREDENTIALS_DIR')?.value;
    expect(secretHolding(controller, `${folder}/node-a.json`)).toBe(natsSecretName(FerryService.Mover));
    const generated = natsDeployObjects({ nodes: ['node-a'], newPassword: () => 'a-password-of-sixteen' });
    expect(Object.keys(generated.find((o) => o.metadata.name === natsSecretName(FerryService.Mover))?.stringData ?? {})).toEqual([
      'node-a.json',
    ]);
    const service = find<KubeObject & { spec: { ports: { port: number }[] } }>(local, 'Service', 'ferry-controller');
    expect(service.spec.ports.map((port) => port.port)).toContain(8080);
  });

  it('the bundled nats-server accepts its config with the rendered authorization (nats-server -t)', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'ferry-deploy-nats-'));
    try {
      const nats = find<NatsWorkload>(local, 'StatefulSet', 'nats');
      expect(nats.spec.template.spec.containers[0]?.envFrom?.map((e) => e.secretRef?.name)).toContain('ferry-nats-passwords');
      const generated = natsDeployObjects({ nodes: ['node-a', 'ip-10-0-0-1.ec2.internal'], newPassword: () => 'a-password-of-sixteen' });
      const config = find<ConfigMapObject>(local, 'ConfigMap', 'ferry-nats-config').data?.['nats.conf'] ?? '';
      await writeFile(join(folder, 'nats.conf'), config.replace('store_dir: /data', `store_dir: ${join(folder, 'data')}`));
      await writeFile(join(folder, 'authorization.conf'), generated[0]?.data?.['authorization.conf'] ?? '');
      const passwords = generated.find((o) => o.metadata.name === 'ferry-nats-passwords')?.stringData ?? {};
      const checked = await promisify(execFile)(loadEnvironmentInfo().binaries.natsServer, ['-c', join(folder, 'nats.conf'), '-t'], {
        env: { ...passwords, POD_NAME: 'nats-0' },
      });
      expect(`${checked.stdout}${checked.stderr}`).toMatch(/is valid/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('production: nats-server requires TLS, and every Ferry workload trusts its CA through NATS_TLS_CA_FILE', () => {
    const config = find<ConfigMapObject>(production, 'ConfigMap', 'ferry-nats-config').data?.['nats.conf'] ?? '';
    expect(config).toMatch(/tls \{[^}]*cert_file: \/etc\/nats-tls\/tls\.crt/);
    expect(secretHolding(find<NatsWorkload>(production, 'StatefulSet', 'nats'), '/etc/nats-tls/tls.crt')).toBe('ferry-nats-tls');
    const caFile = find<ConfigMapObject>(production, 'ConfigMap', 'ferry-config').data?.['NATS_TLS_CA_FILE'] ?? '';
    expect(caFile).toBe('/etc/ferry/nats-tls/ca.crt');
    for (const [kind, name] of workloads)
      expect([name, secretHolding(find<NatsWorkload>(production, kind, name), caFile)]).toEqual([name, 'ferry-nats-tls']);
    expect(find<ConfigMapObject>(local, 'ConfigMap', 'ferry-config').data?.['NATS_TLS_CA_FILE']).toBeUndefined();
  });
});
