import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { freePort } from '../free-port';
import { startProcess, type ManagedProcess } from '../managed-process';

/** A running kube-apiserver and how to reach it as the cluster admin. */
export interface KubeApiServer {
  readonly process: ManagedProcess;
  readonly url: string;
  readonly kubeconfigPath: string;
}

// Advertised only (written into the `kubernetes` Service endpoints); nothing connects to it.
// The API server refuses a loopback advertise address. 192.0.2.0/24 is reserved for documentation.
const advertiseAddress = '192.0.2.10';

/**
 * Starts kube-apiserver against `etcdUrl` with RBAC and static-token authentication, and writes a
 * kubeconfig for an admin (group system:masters) that verifies the server's self-signed certificate
 * (its own generated CA is bundled in `apiserver.crt`; the certificate names 127.0.0.1).
 */
export async function startKubeApiServer(binary: string, stateDir: string, etcdUrl: string): Promise<KubeApiServer> {
  const dir = join(stateDir, 'kube-apiserver');
  const certDir = join(dir, 'certs');
  await mkdir(certDir, { recursive: true });
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  await writeFile(join(dir, 'sa.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
  await writeFile(join(dir, 'sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  const adminToken = randomBytes(24).toString('hex');
  await writeFile(join(dir, 'tokens.csv'), `${adminToken},ferry-admin,ferry-admin,"system:masters"\n`, { mode: 0o600 });

  const port = await freePort();
  const url = `https://127.0.0.1:${port}`;
  const caFile = join(certDir, 'apiserver.crt');
  const process = await startProcess({
    name: 'kube-apiserver',
    command: binary,
    args: [
      `--etcd-servers=${etcdUrl}`,
      `--secure-port=${port}`,
      '--bind-address=127.0.0.1',
      `--advertise-address=${advertiseAddress}`,
      `--cert-dir=${certDir}`,
      '--service-cluster-ip-range=10.96.0.0/16',
      '--service-account-issuer=https://kubernetes.default.svc',
      `--service-account-key-file=${join(dir, 'sa.pub')}`,
      `--service-account-signing-key-file=${join(dir, 'sa.key')}`,
      '--authorization-mode=RBAC',
      `--token-auth-file=${join(dir, 'tokens.csv')}`,
      '--disable-admission-plugins=ServiceAccount',
      '--allow-privileged=true',
      '--v=0',
    ],
    logFile: join(stateDir, 'kube-apiserver.log'),
    isReady: () => readyz(url, caFile, adminToken),
    readyTimeoutMs: 180_000,
  });

  const kubeconfigPath = join(stateDir, 'kubeconfig');
  await writeFile(kubeconfigPath, renderKubeconfig(url, caFile, adminToken), { mode: 0o600 });
  return { process, url, kubeconfigPath };
}

function renderKubeconfig(server: string, caFile: string, token: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'ferry-devenv', cluster: { server, 'certificate-authority': caFile } }],
    users: [{ name: 'ferry-admin', user: { token } }],
    contexts: [{ name: 'ferry-devenv', context: { cluster: 'ferry-devenv', user: 'ferry-admin' } }],
    'current-context': 'ferry-devenv',
  });
}

async function readyz(url: string, caFile: string, token: string): Promise<boolean> {
  const ca = await readFile(caFile).catch(() => undefined);
  if (!ca) return false;
  return new Promise((resolve) => {
    const req = request(`${url}/readyz`, { ca, headers: { authorization: `Bearer ${token}` }, timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}
