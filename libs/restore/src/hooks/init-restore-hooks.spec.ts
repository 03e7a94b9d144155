import type { RestoreSpec } from '@ferry/api';
import type { ItemJson } from '../items/item-json';
import { InitHookAnnotation, initContainerFromAnnotations, withInitRestoreHooks } from './init-restore-hooks';
import { invalidInitContainerMessage, restoreHooksFromSpec } from './restore-hooks';

const randomUuid = () => '0badc0de-1111-4222-8333-444455556666';
const container = (name: string, image: string, command?: string[]) => ({ name, image, ...(command ? { command } : {}) });
const abc = ['a', 'b', 'c'];

// Velero internal/hook/item_hook_handler_test.go TestGetInitContainerFromAnnotations.
describe('init restore hooks - container from annotations', () => {
  const annotations = (image: string | undefined, name: string | undefined, command: string) => ({
    ...(image !== undefined ? { [InitHookAnnotation.ContainerImage]: image } : {}),
    ...(name !== undefined ? { [InitHookAnnotation.ContainerName]: name } : {}),
    [InitHookAnnotation.Command]: command,
  });
  const populator = '/usr/bin/data-populator /user-data full';
  it.each<[string, Record<string, string>, ItemJson | undefined]>([
    ['nil when the container image is empty', annotations('', 'restore-init', '/usr/bin/data-populator'), undefined],
    ['nil when the container image is missing', annotations(undefined, 'restore-init', '/usr/bin/data-populator'), undefined],
    [
      'generated name when the name is empty',
      annotations('busy-box', '', populator),
      container('velero-restore-init-0badc0de', 'busy-box', [populator]),
    ],
    [
      'generated name when the name is missing',
      annotations('busy-box', undefined, populator),
      container('velero-restore-init-0badc0de', 'busy-box', [populator]),
    ],
    ['all annotations specified', annotations('busy-box', 'restore-init', populator), container('restore-init', 'busy-box', [populator])],
    ['command as a JSON array', annotations('busy-box', 'restore-init', '["a","b","c"]'), container('restore-init', 'busy-box', abc)],
    [
      'command as a malformed JSON array',
      annotations('busy-box', 'restore-init', '[foobarbaz'),
      container('restore-init', 'busy-box', ['[foobarbaz']),
    ],
  ])('%s', (_, given, expected) => {
    expect(initContainerFromAnnotations(given, randomUuid)).toEqual(expected);
  });

  it("init restore hooks - an image without a command runs the image's entrypoint (Velero logs so, then panics)", () => {
    expect(initContainerFromAnnotations({ [InitHookAnnotation.ContainerImage]: 'busy-box' }, randomUuid)).toEqual({
      name: 'velero-restore-init-0badc0de',
      image: 'busy-box',
    });
  });
});

const annotated = {
  [InitHookAnnotation.ContainerImage]: 'nginx',
  [InitHookAnnotation.ContainerName]: 'restore-init-container',
  [InitHookAnnotation.Command]: '["a", "b", "c"]',
};
const pod = (initContainers?: ItemJson[], annotations?: Record<string, string>, namespace = 'default'): ItemJson => ({
  metadata: { name: 'app1', namespace, ...(annotations ? { annotations } : {}) },
  spec: initContainers ? { initContainers } : {},
});
const appInit = [container('init-app-step1', 'busy-box', ['init-step1']), container('init-app-step2', 'busy-box', ['init-step2'])];
const restoreWait = container('restore-wait', 'bus-box', ['pod-volume-restore']);
const hookInit1 = container('restore-init-container-1', 'nginx', abc);
const hookInits = [hookInit1, container('restore-init-container-2', 'nginx', abc)];
const hooksIn = (filters: { includedNamespaces?: string[]; excludedNamespaces?: string[] }, initContainers = hookInits) => ({
  resources: [{ name: 'hook1', ...filters, postHooks: [{ init: { initContainers } }] }],
});

// Velero TestHandleRestoreHooks.
describe('init restore hooks - pod', () => {
  const fromAnnotation = container('restore-init-container', 'nginx', abc);
  it.each<[string, ItemJson, RestoreSpec['hooks'], Record<string, string>, ItemJson]>([
    ['annotation, no spec hooks, no init containers', pod(undefined, annotated), undefined, {}, pod([fromAnnotation], annotated)],
    ['annotation, no spec hooks, init containers', pod(appInit, annotated), undefined, {}, pod([fromAnnotation, ...appInit], annotated)],
    [
      'annotation wins over spec hooks',
      pod(appInit, annotated),
      hooksIn({ includedNamespaces: ['default'] }, [container('should-not exist', 'does-not-matter', [''])]),
      {},
      pod([fromAnnotation, ...appInit], annotated),
    ],
    ['spec hook, no init containers', pod([]), hooksIn({ includedNamespaces: ['default'] }), {}, pod(hookInits)],
    ['spec hook, init containers', pod(appInit), hooksIn({ includedNamespaces: ['default'] }), {}, pod([...hookInits, ...appInit])],
    ['selector mismatch', pod(), hooksIn({ excludedNamespaces: ['default'] }), {}, pod()],
    [
      'restore-wait alone stays first',
      pod([restoreWait]),
      hooksIn({ includedNamespaces: ['default'] }),
      {},
      pod([restoreWait, ...hookInits]),
    ],
    [
      'restore-wait stays first before the others',
      pod([restoreWait, ...appInit]),
      hooksIn({ includedNamespaces: ['default'] }),
      {},
      pod([restoreWait, ...hookInits, ...appInit]),
    ],
    ['nil hooks', pod(), undefined, {}, pod()],
    ['empty hooks', pod(), { resources: [] }, {}, pod()],
    ['mapped namespace, hook on the original one', pod(), hooksIn({ includedNamespaces: ['default'] }), { default: 'new' }, pod()],
    [
      'mapped namespace, hook on the new one',
      pod(),
      hooksIn({ includedNamespaces: ['new'] }, [hookInit1]),
      { default: 'new' },
      pod([hookInit1]),
    ],
    [
      'label selector not matching',
      pod(),
      { resources: [{ name: 'h', labelSelector: { matchLabels: { app: 'db' } }, postHooks: [{ init: { initContainers: hookInits } }] }] },
      {},
      pod(),
    ],
    [
      'exec hooks add nothing',
      pod(appInit),
      { resources: [{ name: 'h', postHooks: [{ exec: { command: ['sync'] } }] }] },
      {},
      pod(appInit),
    ],
  ])('%s', (_, given, hooks, namespaceMapping, expected) => {
    expect(withInitRestoreHooks(given, restoreHooksFromSpec(hooks), namespaceMapping, randomUuid)).toEqual(expected);
  });

  it('init restore hooks - an invalid init container fails the item with Velero error', () => {
    const hooks = restoreHooksFromSpec(hooksIn({ includedNamespaces: ['new'] }, [container('restore-init-container-1', 'nginx')]));
    expect(() => withInitRestoreHooks(pod(undefined, undefined, 'new'), hooks, {}, randomUuid)).toThrow(invalidInitContainerMessage);
  });
});
