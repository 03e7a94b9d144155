import type { RestoreSpec } from '@ferry/api';
import { GlobSet, IncludesExcludes } from '@ferry/backup';
import { compileLabelSelector } from '@ferry/kube-values';
import { RestoreRuleError, RestoreRuleErrorCode } from '../errors';
import {
  hookAppliesTo,
  initContainerError,
  invalidInitContainerMessage,
  parseStringToCommand,
  restoreHooksErrors,
  restoreHooksFromSpec,
  type HookSelector,
  type ResourceRestoreHook,
} from './restore-hooks';

const container = (name: string, image: string, command?: string[]) => ({ name, image, ...(command ? { command } : {}) });

interface SelectorFields {
  includedNamespaces?: string[];
  excludedNamespaces?: string[];
  includedResources?: string[];
  excludedResources?: string[];
  matchLabels?: Record<string, string>;
}

function selectorOf(fields: SelectorFields): HookSelector {
  const compiled = fields.matchLabels ? compileLabelSelector({ matchLabels: fields.matchLabels }) : undefined;
  return {
    namespaces: new IncludesExcludes(new GlobSet(fields.includedNamespaces ?? []), new GlobSet(fields.excludedNamespaces ?? [])),
    resources: new IncludesExcludes(new GlobSet(fields.includedResources ?? []), new GlobSet(fields.excludedResources ?? [])),
    ...(compiled?.ok ? { labels: compiled.matches } : {}),
  };
}

// Velero internal/hook/item_hook_handler_test.go TestResourceHookApplicableTo.
describe('restore hooks - applicable to', () => {
  it.each<[string, SelectorFields, string, string, Record<string, string> | undefined, boolean]>([
    ['allow anything', {}, 'bar.foo', 'foo', undefined, true],
    ['namespace in included list', { includedNamespaces: ['a', 'b'], excludedNamespaces: ['c', 'd'] }, '', 'b', undefined, true],
    ['namespace not in included list', { includedNamespaces: ['a', 'b'] }, '', 'c', undefined, false],
    ['namespace excluded', { excludedNamespaces: ['a', 'b'] }, '', 'a', undefined, false],
    ['resource in included list', { includedResources: ['foo.a', 'bar.b'], excludedResources: ['baz.c'] }, 'foo.a', '', undefined, true],
    ['resource not in included list', { includedResources: ['foo.a', 'bar.b'] }, 'baz.c', '', undefined, false],
    ['resource excluded', { excludedResources: ['foo.a', 'bar.b'] }, 'bar.b', '', undefined, false],
    ['label selector matches', { matchLabels: { a: 'b' } }, '', '', { a: 'b' }, true],
    ["label selector doesn't match", { matchLabels: { a: 'b' } }, '', '', { a: 'c' }, false],
    ['namespace glob included', { includedNamespaces: ['app-*'] }, 'pods', 'app-1', undefined, true],
  ])('%s', (_, fields, groupResource, namespace, labels, expected) => {
    expect(hookAppliesTo(selectorOf(fields), groupResource, namespace, labels)).toBe(expected);
  });
});

/** What a compiled hook holds, as plain data. */
const shapeOf = (hook: ResourceRestoreHook) => ({
  name: hook.name,
  namespaces: [hook.selector.namespaces.includes.patterns, hook.selector.namespaces.excludes.patterns],
  resources: [hook.selector.resources.includes.patterns, hook.selector.resources.excludes.patterns],
  labelSelector: hook.selector.labels !== undefined,
  postHooks: hook.postHooks,
});

// Velero TestGetRestoreHooksFromSpec.
describe('restore hooks - from spec', () => {
  const initHook = { init: { initContainers: [container('restore-init1', 'busy-box', ['foobarbaz'])] } };
  it.each<[string, RestoreSpec['hooks'], ReturnType<typeof shapeOf>[]]>([
    ['nil hooks spec', undefined, []],
    ['nil resources', {}, []],
    ['empty resources', { resources: [] }, []],
    [
      'init container hooks; resource filters become pods only',
      {
        resources: [
          {
            name: 'h1',
            includedNamespaces: ['ns1', 'ns2', 'ns3'],
            excludedNamespaces: ['ns4', 'ns5', 'ns6'],
            includedResources: ['deployments'],
            excludedResources: ['pods'],
            postHooks: [initHook],
          },
        ],
      },
      [
        {
          name: 'h1',
          namespaces: [
            ['ns1', 'ns2', 'ns3'],
            ['ns4', 'ns5', 'ns6'],
          ],
          resources: [['pods'], []],
          labelSelector: false,
          postHooks: [initHook],
        },
      ],
    ],
    [
      'a label selector',
      { resources: [{ name: 'h2', labelSelector: { matchLabels: { app: 'db' } } }] },
      [{ name: 'h2', namespaces: [[], []], resources: [['pods'], []], labelSelector: true, postHooks: [] }],
    ],
  ])('%s', (_, hooks, expected) => {
    expect(restoreHooksFromSpec(hooks).map(shapeOf)).toEqual(expected);
  });

  it('restore hooks - an invalid label selector throws apimachinery message', () => {
    const hooks = { resources: [{ name: 'h', labelSelector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['x'] }] } }] };
    expect(() => restoreHooksFromSpec(hooks)).toThrow(
      new RestoreRuleError(RestoreRuleErrorCode.InvalidRestoreHook, '"Equals" is not a valid label selector operator'),
    );
  });
});

// Velero TestGetPodExecHookFromAnnotations and TestGetInitContainerFromAnnotations (command parsing).
describe('restore hooks - parse string to command', () => {
  it.each<[string, string, string[]]>([
    ['malformed command json array', '[blarg', ['[blarg']],
    ['valid command json array', '["a","b","c"]', ['a', 'b', 'c']],
    ['valid command json array with spaces', '["a", "b", "c"]', ['a', 'b', 'c']],
    ['command as a string', '/usr/bin/foo', ['/usr/bin/foo']],
    ['command with spaces stays one word', '/usr/bin/data-populator /user-data full', ['/usr/bin/data-populator /user-data full']],
    ['a json array of non-strings is one word', '["a", 1]', ['["a", 1]']],
    ['null elements decode as empty strings', '["a", null]', ['a', '']],
  ])('%s', (_, value, command) => {
    expect(parseStringToCommand(value)).toEqual(command);
  });
});

// Velero TestValidateContainer.
describe('restore hooks - init container validation', () => {
  it.each<[string, unknown, string | undefined]>([
    ['valid', { name: 'test', image: 'busybox', command: ['pwd'] }, undefined],
    ['no name', { image: 'busybox', command: ['pwd'] }, invalidInitContainerMessage],
    ['no image', { name: 'test', command: ['pwd'] }, invalidInitContainerMessage],
    ['no command', { name: 'test', image: 'busybox' }, invalidInitContainerMessage],
    ['empty command', { name: 'test', image: 'busybox', command: [] }, invalidInitContainerMessage],
    ['null name', { name: null, image: 'busybox', command: ['pwd'] }, invalidInitContainerMessage],
    [
      'name not a string',
      { name: 1, image: 'busybox', command: ['pwd'] },
      'json: cannot unmarshal number into Go struct field Container.name of type string',
    ],
    [
      'command a string',
      { name: 'test', image: 'busybox', command: 'pwd' },
      'json: cannot unmarshal string into Go struct field Container.command of type []string',
    ],
    [
      'command element not a string',
      { name: 'test', image: 'busybox', command: [true] },
      'json: cannot unmarshal bool into Go struct field Container.command of type string',
    ],
  ])('%s', (_, raw, error) => {
    expect(initContainerError(raw)).toBe(error);
  });
});

// Velero pkg/controller/restore_controller.go validateAndComplete (restore hooks).
describe('restore hooks - validation errors', () => {
  const badSelector = { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['db'] }] };
  const initHook = (...initContainers: unknown[]) => ({ init: { initContainers: initContainers as Record<string, unknown>[] } });
  it.each<[string, RestoreSpec['hooks'], string[]]>([
    ['no hooks', undefined, []],
    [
      'valid init and exec hooks',
      { resources: [{ name: 'h', postHooks: [initHook(container('i', 'b', ['c'])), { exec: { command: ['sync'] } }] }] },
      [],
    ],
    [
      'each invalid init container',
      { resources: [{ name: 'h', postHooks: [initHook(container('i', 'b'), container('', 'b', ['c']))] }] },
      [invalidInitContainerMessage, invalidInitContainerMessage],
    ],
    [
      'an invalid selector stops before the containers',
      {
        resources: [
          { name: 'ok', postHooks: [initHook(container('i', 'b'))] },
          { name: 'bad', labelSelector: badSelector },
        ],
      },
      ['"Equals" is not a valid label selector operator'],
    ],
  ])('%s', (_, hooks, errors) => {
    expect(restoreHooksErrors(hooks)).toEqual(errors);
  });
});
