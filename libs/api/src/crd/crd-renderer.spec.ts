// Tests of the CRD renderer. (1) Ferry's rendered CRDs accept every object the upstream CRDs
// accept: each upstream CRD in libs/api/reference-crds/ is compared with the CRD libs/api renders
// for the same kind (for the CSI snapshot kinds, whose upstream YAML is installed as is, with the
// schema behind their types and validation). (2) The committed deploy/crds/ equals what the
// generator renders: run `npm run crds:generate` after changing a schema and commit the result.
import { parseAllDocuments } from 'yaml';
import { crdNameOf } from '../resources/resource-definition';
import { resourceDefinitions, resourceKinds } from '../resources/resource-registry';
import { checkStructuralSchema } from '../schema/structural-schema-check';
import {
  listDeployCrdFiles,
  listReferenceCrdFiles,
  readDeployCrdText,
  readReferenceCrd,
  readReferenceCrdText,
  referenceFolderOf,
} from '../testing';
import { buildCrd, crdFileName, generatedHeader, renderCrdManifests, upstreamCrdFolder, upstreamCrdPaths } from './crd-renderer';
import { findIncompatibilities } from './schema-compatibility';

type UpstreamVersion = {
  name: string;
  served: boolean;
  storage: boolean;
  subresources?: Record<string, unknown>;
  additionalPrinterColumns?: unknown[];
  schema: { openAPIV3Schema: Record<string, unknown> };
};
type UpstreamCrd = {
  metadata: { name: string };
  spec: { group: string; scope: string; names: Record<string, unknown>; versions: UpstreamVersion[] };
};

const covered = resourceKinds
  .map((kind) => resourceDefinitions[kind])
  .filter((d) => d.kind !== 'DataMoverClass')
  .map((definition) => {
    const path = `${referenceFolderOf(definition.group)}/${crdFileName(definition)}`;
    return { kind: definition.kind, definition, upstream: readReferenceCrd<UpstreamCrd>(path) };
  });

const storedVersion = (crd: UpstreamCrd): UpstreamVersion => {
  const version = crd.spec.versions.find((v) => v.storage);
  if (!version) throw new Error(`${crd.metadata.name} has no storage version`);
  return version;
};

describe('crd compatibility - coverage', () => {
  it('covers every upstream reference CRD (13 velero.io + 2 OADP + 3 snapshot)', () => {
    const files = listReferenceCrdFiles();
    expect(files).toHaveLength(18);
    const coveredFiles = covered.map((c) => `${referenceFolderOf(c.definition.group)}/${crdFileName(c.definition)}`);
    expect(coveredFiles.sort()).toEqual(files.sort());
  });
});

describe.each(covered)('crd compatibility - $kind', ({ definition, upstream }) => {
  const ours = buildCrd(definition);
  const ourVersion = ours.spec.versions[0]!;
  const upVersion = storedVersion(upstream);

  it('has the same CRD name, group, scope and names (kind, plural, singular, short names, categories)', () => {
    expect(ours.metadata.name).toBe(upstream.metadata.name);
    expect(crdNameOf(definition)).toBe(upstream.metadata.name);
    expect(ours.spec.group).toBe(upstream.spec.group);
    expect(ours.spec.scope).toBe(upstream.spec.scope);
    expect(ours.spec.names).toEqual(upstream.spec.names);
  });

  it('serves and stores the same version with the same status subresource setting', () => {
    expect(ourVersion.name).toBe(upVersion.name);
    expect([ourVersion.served, ourVersion.storage]).toEqual([upVersion.served, upVersion.storage]);
    expect(ourVersion.subresources).toEqual(upVersion.subresources ?? {});
    expect(definition.statusSubresource).toBe(upVersion.subresources?.['status'] !== undefined);
  });

  it('has the same printer columns', () => {
    expect(ourVersion.additionalPrinterColumns).toEqual(upVersion.additionalPrinterColumns);
  });

  it('accepts every object the upstream schema accepts', () => {
    const upstreamSchema = upVersion.schema.openAPIV3Schema;
    expect(findIncompatibilities(upstreamSchema, ourVersion.schema.openAPIV3Schema as Record<string, unknown>)).toEqual([]);
  });

  it('renders a structural schema', () => {
    expect(checkStructuralSchema(ourVersion.schema.openAPIV3Schema)).toEqual([]);
  });
});

describe('crd compatibility - DataMoverClass (Ferry-defined)', () => {
  const crd = buildCrd(resourceDefinitions.DataMoverClass);

  it('is cluster-scoped, in the OADP group, with the status subresource', () => {
    expect(crd.metadata.name).toBe('datamoverclasses.datamover.oadp.openshift.io');
    expect(crd.spec.scope).toBe('Cluster');
    expect(crd.spec.versions[0]?.subresources).toEqual({ status: {} });
    expect(crd.spec.versions[0]?.schema.openAPIV3Schema.required).toEqual(['spec']);
  });

  it('renders a structural schema', () => {
    expect(checkStructuralSchema(crd.spec.versions[0]!.schema.openAPIV3Schema)).toEqual([]);
  });
});

const hint = 'deploy/crds is stale: run `npm run crds:generate`';

const rendered = renderCrdManifests();

describe('crd manifests - committed files match the generator', () => {
  it('contains exactly the rendered files and the upstream snapshot CRDs', () => {
    const expected = [...rendered.map((m) => m.path), ...upstreamCrdPaths()].sort();
    expect({ hint, files: listDeployCrdFiles().sort() }).toEqual({ hint, files: expected });
  });

  it.each(rendered.map((m) => [m.path, m.content] as const))('%s is up to date', (path, content) => {
    expect({ hint, content: readDeployCrdText(path) }).toEqual({ hint, content });
  });

  it.each(upstreamCrdPaths())('%s is the unchanged upstream file', (path) => {
    // deploy/crds/snapshot/<file> is reference-crds/snapshot/<file>, byte for byte.
    expect(readDeployCrdText(path)).toBe(readReferenceCrdText(path));
  });
});

describe('crd manifests - rendered content', () => {
  it.each(rendered.map((m) => [m.path, m.content] as const))('%s starts with the do-not-edit header and parses', (_path, content) => {
    expect(content.startsWith(generatedHeader)).toBe(true);
    const docs = parseAllDocuments(content);
    expect(docs.map((d) => d.errors)).toEqual(docs.map(() => []));
  });

  it('names CRD files <group>_<plural>.yaml like upstream and lists them in the kustomization', () => {
    const crdFiles = rendered.filter((m) => m.path.endsWith('.yaml') && !m.path.includes('kustomization'));
    for (const file of crdFiles) {
      const crd = parseAllDocuments(file.content)[0]?.toJS() as { spec: { group: string; names: { plural: string } } };
      expect(file.path).toBe(`${crd.spec.group}_${crd.spec.names.plural}.yaml`);
    }
    const kustomization = rendered.find((m) => m.path === 'kustomization.yaml');
    expect(kustomization?.content).toContain('velero.io_datauploads.yaml');
    expect(crdFiles.every((f) => kustomization?.content.includes(`- ${f.path}\n`))).toBe(true);
  });

  it('keeps the snapshot CRDs out of the main kustomization', () => {
    const main = rendered.find((m) => m.path === 'kustomization.yaml')?.content ?? '';
    const snapshot = rendered.find((m) => m.path === `${upstreamCrdFolder}/kustomization.yaml`)?.content ?? '';
    expect(main).not.toContain('snapshot.storage.k8s.io');
    expect(snapshot).toContain('- snapshot.storage.k8s.io_volumesnapshots.yaml');
  });
});
