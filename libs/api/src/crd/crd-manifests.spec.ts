// Fails when the committed deploy/crds/ differs from what the generator renders: run
// `npm run crds:generate` after changing a schema and commit the result.
import { parseAllDocuments } from 'yaml';
import { listDeployCrdFiles, readDeployCrdText, readReferenceCrdText } from '../testing/reference-files';
import { generatedHeader, renderCrdManifests, upstreamCrdFolder, upstreamCrdPaths } from './crd-renderer';

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
