// Writes deploy/crds/ from libs/api: the rendered CRDs and kustomizations, plus the upstream
// snapshot CRDs copied byte for byte from libs/api/reference-crds/snapshot/. Removes stale files so
// the folder always equals what the renderer produces. Run with `npm run crds:generate`.
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { renderCrdManifests, upstreamCrdFolder, upstreamCrdPaths } from '../src/index';

const workspaceRoot = join(__dirname, '..', '..', '..');
const outputDir = join(workspaceRoot, 'deploy', 'crds');
const referenceDir = join(__dirname, '..', 'reference-crds', upstreamCrdFolder);

function main(): void {
  const wanted = new Map<string, () => void>();
  for (const manifest of renderCrdManifests()) {
    wanted.set(manifest.path, () => writeFileSync(join(outputDir, manifest.path), manifest.content));
  }
  for (const path of upstreamCrdPaths()) {
    const source = join(referenceDir, path.slice(upstreamCrdFolder.length + 1));
    wanted.set(path, () => copyFileSync(source, join(outputDir, path)));
  }

  for (const stale of listFiles(outputDir).filter((p) => !wanted.has(p))) {
    rmSync(join(outputDir, stale));
    process.stdout.write(`removed ${relative(workspaceRoot, join(outputDir, stale))}\n`);
  }
  for (const [path, write] of wanted) {
    mkdirSync(dirname(join(outputDir, path)), { recursive: true });
    write();
    process.stdout.write(`wrote ${relative(workspaceRoot, join(outputDir, path))}\n`);
  }
}

function listFiles(dir: string, prefix = ''): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
}

main();
