import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode, type CliIo } from './cli-io';
import { validatePolicyFile } from './policy-validate-command';

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (text: string) => void (io.stdout += text), err: (text: string) => void (io.stderr += text) };
  return io;
}

describe('ferry policy validate - offline document check', () => {
  let dir: string;
  beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'ferry-cli-spec-'))));
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function validate(text: string) {
    const file = join(dir, `policy-${Math.random().toString(36).slice(2)}.yaml`);
    await writeFile(file, text);
    const io = capture();
    return { code: await validatePolicyFile(file, io), ...io, file };
  }

  it('prints the policies of a valid document', async () => {
    const { code, stdout } = await validate(
      [
        'version: v1',
        'volumePolicies:',
        '- conditions: {storageClass: [fast]}',
        '  action: {type: skip}',
        '- conditions: {}',
        '  action: {type: fs-backup}',
      ].join('\n'),
    );
    expect(code).toBe(ExitCode.Ok);
    expect(stdout).toMatch(/is valid: 2 volume policies/);
    expect(stdout).toMatch(/^0\s+skip\s+.*storageClass.*fast/m);
    expect(stdout).toMatch(/^1\s+fs-backup/m);
  });

  it('reports each problem with line, column and path, and fails', async () => {
    const { code, stderr } = await validate(
      ['version: v1', 'volumePolicies:', '- conditions: {capacity: "5Gi"}', '  action: {type: move}'].join('\n'),
    );
    expect(code).toBe(ExitCode.Failure);
    expect(stderr).toMatch(/2 problems/);
    expect(stderr).toMatch(/volumePolicies\[0\]\.conditions\.capacity \(line 3, column \d+\): .*wrong format of Capacity/);
    expect(stderr).toMatch(/volumePolicies\[0\]\.action\.type \(line 4, column \d+\): .*invalid action type move/);
  });

  it("reports Velero's filter policy rules with their positions", async () => {
    const { code, stderr } = await validate(
      ['version: v1', 'namespacedFilterPolicies:', '- namespaces: [app, app]', '  resourceFilters: [{kinds: [Pod]}, {kinds: [Pod]}]'].join(
        '\n',
      ),
    );
    expect(code).toBe(ExitCode.Failure);
    expect(stderr).toMatch(/2 problems/);
    expect(stderr).toMatch(
      /namespacedFilterPolicies\[0\]\.namespaces\[0\] \(line 3, column 16\): duplicate namespace pattern 'app' found in policies \[0 0\]/,
    );
    expect(stderr).toMatch(
      /resourceFilters\[1\]\.kinds\[0\] \(line 4, column \d+\): kind "Pod" appears in both resourceFilters\[0\] and resourceFilters\[1\]/,
    );
  });

  it('summarises the filter sections of a valid document', async () => {
    const { code, stdout } = await validate(
      ['version: v1', 'namespacedFilterPolicies:', '- namespaces: [app]', '  resourceFilters: [{kinds: ["*"]}]'].join('\n'),
    );
    expect(code).toBe(ExitCode.Ok);
    expect(stdout).toMatch(/is valid: 0 volume policies, 1 namespaced filter policy/);
  });

  it('fails with the reason when the file cannot be read', async () => {
    const io = capture();
    expect(await validatePolicyFile(join(dir, 'missing.yaml'), io)).toBe(ExitCode.Failure);
    expect(io.stderr).toMatch(/cannot read .*missing\.yaml: ENOENT/);
  });
});
