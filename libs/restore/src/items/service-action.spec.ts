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

  // Velero TestServiceActionExecute cases the table above does not cover.
  const svcJson = (ports?: unknown[]) => ({
    'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
      spec: { healthCheckNodePort: 8080, ...(ports ? { ports } : {}) },
    }),
  });
  const bothPortsManaged = managed(
    '{"k:{\\"port\\":443,\\"protocol\\":\\"TCP\\"}":{".":{},"f:name":{},"f:nodePort":{},"f:port":{}},"k:{\\"port\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:name":{},"f:nodePort":{},"f:port":{}}}',
  );
  const noPortManaged = managed(
    '{"k:{\\"port\\":443,\\"protocol\\":\\"TCP\\"}":{".":{},"f:name":{},"f:port":{}},"k:{\\"port\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:name":{},"f:port":{}}}',
  );
  const httpPorts = (nodePorts: [number | undefined, number | undefined]) => [
    { name: 'http', port: 80, protocol: 'TCP', nodePort: nodePorts[0] },
    { name: 'https', port: 443, protocol: 'TCP', nodePort: nodePorts[1] },
  ];
  const localLb = { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 8080 };
  it.each([
    [
      'serviceAction - loadBalancerIP is kept when cluster IPs are deleted',
      svc({ clusterIP: 'should-be-removed', clusterIPs: ['should-be-removed'], loadBalancerIP: 'should-be-kept' }),
      svc({ loadBalancerIP: 'should-be-kept' }),
    ],
    [
      'serviceAction - an unnamed nodePort is deleted when the annotation has no ports',
      svc({ ports: [{ nodePort: 8080 }] }, { annotations: svcJson() }),
      svc({ ports: [{}] }, { annotations: svcJson() }),
    ],
    [
      'serviceAction - an unnamed nodePort in the annotation is kept, another is deleted',
      svc({ ports: [{ nodePort: 8080 }, { nodePort: 9090 }] }, { annotations: svcJson([{ nodePort: 8080 }]) }),
      svc({ ports: [{ nodePort: 8080 }, {}] }, { annotations: svcJson([{ nodePort: 8080 }]) }),
    ],
    [
      'serviceAction - an unnamed nodePort is deleted when the annotation names a string nodePort',
      svc({ ports: [{ nodePort: 8080 }] }, { annotations: lastApplied([{ name: 'http', nodePort: '8080' }]) }),
      svc({ ports: [{}] }, { annotations: lastApplied([{ name: 'http', nodePort: '8080' }]) }),
    ],
    [
      'serviceAction - a named nodePort in the annotation is kept, another is deleted',
      svc(
        {
          ports: [
            { name: 'http', nodePort: 8080 },
            { name: 'admin', nodePort: 9090 },
          ],
        },
        { annotations: svcJson([{ name: 'http', nodePort: 8080 }]) },
      ),
      svc({ ports: [{ name: 'http', nodePort: 8080 }, { name: 'admin' }] }, { annotations: svcJson([{ name: 'http', nodePort: 8080 }]) }),
    ],
    [
      'serviceAction - nodePorts not in managedFields are deleted from every port',
      svc({ ports: httpPorts([30000, 30002]) }, { managedFields: noPortManaged }),
      svc({ ports: httpPorts([undefined, undefined]) }, { managedFields: noPortManaged }),
    ],
    [
      'serviceAction - nodePorts in managedFields are kept on every port',
      svc({ ports: httpPorts([30000, 30002]) }, { managedFields: bothPortsManaged }),
      svc({ ports: httpPorts([30000, 30002]) }, { managedFields: bothPortsManaged }),
    ],
    [
      'serviceAction - the health-check node port in the annotation is kept',
      svc(localLb, { annotations: svcJson() }),
      svc(localLb, { annotations: svcJson() }),
    ],
    [
      'serviceAction - the health-check node port in managedFields is kept',
      svc(localLb, { managedFields: [{ fieldsV1: { 'f:spec': { 'f:healthCheckNodePort': {} } } }] }),
      svc(localLb, { managedFields: [{ fieldsV1: { 'f:spec': { 'f:healthCheckNodePort': {} } } }] }),
    ],
    [
      'serviceAction - the health-check node port of a Cluster-policy LoadBalancer is kept',
      svc({ ...localLb, externalTrafficPolicy: 'Cluster' }),
      svc({ ...localLb, externalTrafficPolicy: 'Cluster' }),
    ],
  ])('%s', (_name, input, expected) => {
    expect(JSON.parse(JSON.stringify(serviceAction(input, false).item))).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('serviceAction - preserveNodePorts keeps named nodePorts and the health-check node port', () => {
    const ports = [
      { name: 'http', port: 80, nodePort: 8080 },
      { name: 'hepsiburada', nodePort: 9025 },
    ];
    expect(serviceAction(svc({ ...localLb, ports }), true).item).toEqual(svc({ ...localLb, ports }));
  });

  it('serviceAction - a string nodePort in the annotation that is not an integer is an item error, as with strconv.Atoi', () => {
    expect(() => serviceAction(svc({ ports: [{ nodePort: 80 }] }, { annotations: lastApplied([{ nodePort: '80x' }]) }), false)).toThrow(
      'strconv.Atoi: parsing "80x": invalid syntax',
    );
  });

  it('rejects a last-applied annotation that is not JSON (an item error)', () => {
    expect(() =>
      serviceAction(svc({ ports: [{ nodePort: 1 }] }, { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{' } }), false),
    ).toThrow();
  });
});
