import { customResourceDefinitionAction } from './cluster-actions';

const crd = (apiVersion: string, preserveUnknownFields: boolean, schema: Record<string, unknown>) => ({
  apiVersion,
  kind: 'CustomResourceDefinition',
  metadata: { name: 'test.velero.io' },
  spec: { preserveUnknownFields, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema } }] },
});

// Velero TestExecuteForACRDWithAnIntOnAFloat64FieldShouldWork (crd_v1_preserve_unknown_fields_action_test.go), and the
// action's branches.
describe('customResourceDefinitionAction (Velero CRDV1PreserveUnknownFieldsAction)', () => {
  it.each([
    [
      'customResourceDefinitionAction - an int on a float field passes through',
      crd('apiextensions.k8s.io/v1', false, { maximum: 5 }),
      crd('apiextensions.k8s.io/v1', false, { maximum: 5 }),
    ],
    [
      'customResourceDefinitionAction - preserveUnknownFields moves into every schema',
      crd('apiextensions.k8s.io/v1', true, { type: 'object' }),
      crd('apiextensions.k8s.io/v1', false, { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }),
    ],
    [
      'customResourceDefinitionAction - a v1beta1 CRD is unchanged',
      crd('apiextensions.k8s.io/v1beta1', true, { type: 'object' }),
      crd('apiextensions.k8s.io/v1beta1', true, { type: 'object' }),
    ],
  ])('%s', (_name, input, expected) => {
    expect(customResourceDefinitionAction(input).item).toEqual(expected);
  });
});
