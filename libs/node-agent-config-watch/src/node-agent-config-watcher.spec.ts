import type { KubeClient, KubeObject, ListWatchSource, WatchEvent } from '@ferry/kube';
import type { EventRecorder } from '@ferry/kube';
import { NodeAgentConfigWatchErrorCode, watchNodeAgentConfig } from './index';

type Recorded = { type: string; reason: string; message: string };
const configMap = (rv: string, data: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'na', namespace: 'ferry', uid: 'u1', resourceVersion: rv },
  data,
});

/** A ListWatchSource whose list returns `initial` and whose watch delivers what the test pushes. */
function fakeSource(initial: KubeObject[]) {
  let push: (event: WatchEvent<KubeObject>) => void = () => undefined;
  const source: ListWatchSource<KubeObject> = {
    list: () => Promise.resolve({ items: initial, resourceVersion: '1' }),
    watch: (_rv, onEvent, signal) =>
      new Promise<void>((resolve) => {
        push = onEvent;
        signal.addEventListener('abort', () => resolve(), { once: true });
      }),
  };
  return { source, push: (event: WatchEvent<KubeObject>) => push(event) };
}

function start(initial: KubeObject[]) {
  const events: Recorded[] = [];
  const recorder: EventRecorder = { record: (_o, type, reason, message) => Promise.resolve(void events.push({ type, reason, message })) };
  const fake = fakeSource(initial);
  const watcher = watchNodeAgentConfig({} as KubeClient, {
    name: 'na',
    namespace: 'ferry',
    component: 'ferry-test',
    recorder,
    source: fake.source,
  });
  return { watcher, events, push: fake.push };
}
const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('node-agent config watcher - live configuration', () => {
  it('applies a valid ConfigMap, keeps it on an invalid update and a deletion, applies a fix', async () => {
    const { watcher, events, push } = start([configMap('2', { c: '{"podLabels":{"a":"1"}}' })]);
    await watcher.synced;
    expect(watcher.current()?.document.podLabels).toEqual({ a: '1' });

    push({ type: 'MODIFIED', object: configMap('3', { c: '{"backupPVC":{"gp3":{"spcNoRelabeling":true}}}' }) });
    await tick();
    expect(watcher.current()?.document.podLabels).toEqual({ a: '1' });
    expect(events.at(-1)).toMatchObject({
      type: 'Warning',
      reason: 'InvalidNodeAgentConfig',
      message: expect.stringContaining('backupPVC.gp3.spcNoRelabeling'),
    });

    push({ type: 'MODIFIED', object: configMap('4', { c: '{"podLabels":{"a":"2"}}' }) });
    await tick();
    expect(watcher.current()?.document.podLabels).toEqual({ a: '2' });
    expect(events.at(-1)).toMatchObject({ type: 'Normal', reason: 'NodeAgentConfigApplied' });

    push({ type: 'DELETED', object: configMap('5', { c: '{}' }) });
    await tick();
    expect(watcher.current()?.document.podLabels).toEqual({ a: '2' });
    expect(events.at(-1)).toMatchObject({ type: 'Warning', reason: 'InvalidNodeAgentConfig', message: expect.stringContaining('deleted') });
    await watcher.stop();
  });

  it('starts with no configuration when the first version is invalid', async () => {
    const { watcher, events } = start([configMap('2', { a: '{}', b: '{}' })]);
    await watcher.synced;
    expect(watcher.current()).toBeUndefined();
    expect(events[0]?.message).toMatch(/no configuration is in effect.*data: .*found 'a', 'b'/);
    await watcher.stop();
  });

  it('rejects synced with a stable code when stopped before the first list', async () => {
    const events: Recorded[] = [];
    const source: ListWatchSource<KubeObject> = {
      list: (signal) => new Promise((_resolve, rejectList) => signal.addEventListener('abort', () => rejectList(new Error('aborted')))),
      watch: () => Promise.resolve(),
    };
    const watcher = watchNodeAgentConfig({} as KubeClient, {
      name: 'na',
      namespace: 'ferry',
      component: 'ferry-test',
      source,
      recorder: { record: () => Promise.resolve(void events.push()) },
    });
    const stopping = watcher.stop();
    await expect(watcher.synced).rejects.toMatchObject({ code: NodeAgentConfigWatchErrorCode.WatcherStopped, retryable: false });
    await stopping;
  });
});
