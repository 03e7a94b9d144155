import { apiVersionOf, builtinResources, describeObject, resourcePath, type ResourceDescriptor } from './resource-descriptor';

const volumeSnapshots: ResourceDescriptor = {
  group: 'snapshot.storage.k8s.io',
  version: 'v1',
  plural: 'volumesnapshots',
  scope: 'Namespaced',
  statusSubresource: true,
};

describe('resource descriptor - paths', () => {
  it.each([
    [builtinResources.pods, undefined, undefined, undefined, '/api/v1/pods'],
    [builtinResources.pods, 'ns', undefined, undefined, '/api/v1/namespaces/ns/pods'],
    [builtinResources.pods, 'ns', 'p', 'binding', '/api/v1/namespaces/ns/pods/p/binding'],
    [builtinResources.nodes, 'ignored', 'n1', undefined, '/api/v1/nodes/n1'],
    [volumeSnapshots, 'ns', 'vs', 'status', '/apis/snapshot.storage.k8s.io/v1/namespaces/ns/volumesnapshots/vs/status'],
    [builtinResources.storageClasses, undefined, 'fast', undefined, '/apis/storage.k8s.io/v1/storageclasses/fast'],
  ])('%o ns=%s name=%s sub=%s → %s', (resource, namespace, name, subresource, expected) => {
    expect(resourcePath(resource, namespace, name, subresource)).toBe(expected);
  });

  it('names api versions and objects', () => {
    expect(apiVersionOf(builtinResources.pods)).toBe('v1');
    expect(apiVersionOf(volumeSnapshots)).toBe('snapshot.storage.k8s.io/v1');
    expect(describeObject(volumeSnapshots, 'ns', 'vs')).toBe('volumesnapshots.snapshot.storage.k8s.io ns/vs');
    expect(describeObject(builtinResources.nodes, undefined, 'n1')).toBe('nodes n1');
  });
});
