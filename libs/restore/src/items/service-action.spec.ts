import { serviceAction } from './service-action';

// Velero's pkg/restore/actions/service_action_test.go TestServiceActionExecute, as JSON.
const managed = (ports: string) => [{ fieldsV1: { 'f:spec': { 'f:ports': JSON.parse(ports) as unknown } } }];
const svc = (spec: Record<string, unknown>, metadata: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'svc-1', ...metadata },
  spec,
});
const lastApplied = (ports: unknown[]) => ({ 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ spec: { ports } }) });

describe('serviceAction (Velero ServiceAction)', () => {
  it.each([
    ['clusterIP/clusterIPs are deleted', svc({ clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1'] }), false, svc({})],
    [
      'a headless clusterIP is kept',
      svc({ clusterIP: 'None', clusterIPs: ['None'] }),
      false,
      svc({ clusterIP: 'None', clusterIPs: ['None'] }),
    ],
    [
      'nodePorts are deleted from every port',
      svc({ ports: [{ nodePort: 8080 }, { nodePort: 9090 }] }),
      false,
      svc({ ports: [{ nodePort: undefined }, { nodePort: undefined }] }),
    ],
    [
      'an unnamed nodePort missing in the annotation is deleted',
      svc({ ports: [{ nodePort: 8080 }] }, { annotations: lastApplied([{}]) }),
      false,
      svc({ ports: [{ nodePort: undefined }] }, { annotations: lastApplied([{}]) }),
    ],
    [
      'an unnamed nodePort in the annotation is kept',
      svc({ ports: [{ nodePort: 8080 }] }, { annotations: lastApplied([{ nodePort: 8080 }]) }),
      false,
      svc({ ports: [{ nodePort: 8080 }] }, { annotations: lastApplied([{ nodePort: 8080 }]) }),
    ],
    [
      'an unnamed nodePort is deleted when the annotation names a port',
      svc({ ports: [{ nodePort: 8080 }] }, { annotations: lastApplied([{ name: 'http', nodePort: 8080 }]) }),
      false,
      svc({ ports: [{ nodePort: undefined }] }, { annotations: lastApplied([{ name: 'http', nodePort: 8080 }]) }),
    ],
    [
      'a named nodePort in the annotation (as a string) is kept',
      svc(
        {
          ports: [
            { name: 'http', nodePort: 8080 },
            { name: 'admin', nodePort: 9090 },
          ],
        },
        { annotations: lastApplied([{ name: 'http', nodePort: '8080' }]) },
      ),
      false,
      svc(
        {
          ports: [
            { name: 'http', nodePort: 8080 },
            { name: 'admin', nodePort: undefined },
          ],
        },
        { annotations: lastApplied([{ name: 'http', nodePort: '8080' }]) },
      ),
    ],
    ['preserveNodePorts keeps every nodePort', svc({ ports: [{ nodePort: 8080 }] }), true, svc({ ports: [{ nodePort: 8080 }] })],
    [
      'a nodePort not in managedFields is deleted',
      svc(
        { ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: 30000 }] },
        { managedFields: managed('{"k:{\\"port\\":80,\\"protocol\\":\\"TCP\\"}":{"f:port":{}}}') },
      ),
      false,
      svc(
        { ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: undefined }] },
        { managedFields: managed('{"k:{\\"port\\":80,\\"protocol\\":\\"TCP\\"}":{"f:port":{}}}') },
      ),
    ],
    [
      'a nodePort in managedFields is kept',
      svc(
        { ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: 30000 }] },
        { managedFields: managed('{"k:{\\"port\\":80,\\"protocol\\":\\"TCP\\"}":{"f:nodePort":{}}}') },
      ),
      false,
      svc(
        { ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: 30000 }] },
        { managedFields: managed('{"k:{\\"port\\":80,\\"protocol\\":\\"TCP\\"}":{"f:nodePort":{}}}') },
      ),
    ],
    [
      'the health-check node port of a Local LoadBalancer is cleared',
      svc({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 8080 }),
      false,
      svc({ type: 'LoadBalancer', externalTrafficPolicy: 'Local' }),
    ],
    [
      'the health-check node port is kept with preserveNodePorts',
      svc({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 8080 }),
      true,
      svc({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 8080 }),
    ],
    [
      'the health-check node port of another service is kept',
      svc({ type: 'ClusterIP', externalTrafficPolicy: 'Cluster', healthCheckNodePort: 8080 }),
      false,
      svc({ type: 'ClusterIP', externalTrafficPolicy: 'Cluster', healthCheckNodePort: 8080 }),
    ],
    [
      'the health-check node port in the annotation is kept',
      svc(
        { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 8080 },
        { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"spec":{"healthCheckNodePort":8080}}' } },
      ),
      false,
      svc(
        { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 8080 },
        { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"spec":{"healthCheckNodePort":8080}}' } },
      ),
    ],
    [
      'a null health-check node port in the annotation clears it',
      svc(
        { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 8080 },
        { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"spec":{"healthCheckNodePort":null}}' } },
      ),
      false,
      svc(
        { type: 'LoadBalancer', externalTrafficPolicy: 'Local' },
        { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"spec":{"healthCheckNodePort":null}}' } },
      ),
    ],
  ])('%s', (_name, input, preserve, expected) => {
    expect(JSON.parse(JSON.stringify(serviceAction(input, preserve).item))).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('rejects a last-applied annotation that is not JSON (an item error)', () => {
    expect(() =>
      serviceAction(svc({ ports: [{ nodePort: 1 }] }, { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{' } }), false),
    ).toThrow();
  });
});
