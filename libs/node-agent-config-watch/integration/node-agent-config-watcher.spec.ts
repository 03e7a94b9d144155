import { randomBytes } from 'node:crypto';
import { loadEnvironmentInfo } from '@ferry/devenv/testing';
import { createKubeClient, type KubeClient } from '@ferry/kube';
import { watchNodeAgentConfig, type NodeAgentConfigWatcher } from '../src/index';

const name = 'node-agent-config';
const waitFor = async <T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describe('node-agent config watcher - against the API server', () => {
  let client: KubeClient;
  let namespace: string;
  let watcher: NodeAgentConfigWatcher;

  const write = (json: string) =>
    client.core.replaceNamespacedConfigMap({ name, namespace, body: { metadata: { name, namespace }, data: { 'config.json': json } } });
  const warningWith = (text: string) =>
    waitFor(`a Warning event mentioning ${text}`, async () => {
      const events = await client.core.listNamespacedEvent({ namespace, fieldSelector: `involvedObject.name=${name}` });
      return events.items.find(
        (event) => event.type === 'Warning' && event.reason === 'InvalidNodeAgentConfig' && event.message?.includes(text),
      );
    });
  const podLabelOf = () => watcher.current()?.document.podLabels?.['generation'];

  beforeAll(async () => {
    client = createKubeClient({ kind: 'file', kubeconfigPath: loadEnvironmentInfo().kubeconfigPath });
    namespace = `nacfg-${randomBytes(4).toString('hex')}`;
    await client.core.createNamespace({ body: { metadata: { name: namespace } } });
    await client.core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name, namespace }, data: { 'config.json': '{"podLabels":{"generation":"1"}}' } },
    });
    watcher = watchNodeAgentConfig(client, { name, namespace, component: 'ferry-exposer' });
    await watcher.synced;
  });
  afterAll(async () => {
    await watcher.stop();
    await client.core.deleteNamespace({ name: namespace });
  });

  it('applies the valid configuration present at start', () => {
    expect(podLabelOf()).toBe('1');
  });

  it('applies a change live', async () => {
    await write('{"podLabels":{"generation":"2"},"backupPVC":{"gp3":{"readOnly":true,"spcNoRelabeling":true}}}');
    await waitFor('generation 2', () => (podLabelOf() === '2' ? true : undefined));
    expect(watcher.current()?.document.backupPVC?.['gp3']?.readOnly).toBe(true);
  });

  it('keeps the last good configuration on invalid JSON and records a Warning with the data key and position', async () => {
    await write('{"podLabels": {"generation": "3",}}');
    const event = await warningWith('config.json: data key');
    expect(event.message).toMatch(/not valid JSON at line 1, column \d+/);
    expect(podLabelOf()).toBe('2');
  });

  it('keeps the last good configuration on spcNoRelabeling without readOnly and names the key path', async () => {
    await write('{"podLabels":{"generation":"4"},"backupPVC":{"fast":{"spcNoRelabeling":true}}}');
    const event = await warningWith('backupPVC.fast.spcNoRelabeling');
    expect(event.message).toContain('set backupPVC.fast.readOnly to true');
    expect(podLabelOf()).toBe('2');
  });

  it('applies the fixed configuration again', async () => {
    await write('{"podLabels":{"generation":"5"},"backupPVC":{"fast":{"readOnly":true,"spcNoRelabeling":true}}}');
    await waitFor('generation 5', () => (podLabelOf() === '5' ? true : undefined));
    expect(watcher.current()?.document.backupPVC?.['fast']).toEqual({ readOnly: true, spcNoRelabeling: true });
  });
});
