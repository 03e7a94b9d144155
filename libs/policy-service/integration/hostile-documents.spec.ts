import { adminHeaders } from '@ferry/devenv/testing';
import { PolicyHttpPath } from '../src/index';
import { startPolicyHarness, type PolicyTestHarness } from './policy-test-harness';

/** A billion-laughs document: nine levels of nine aliases (9^9 strings once expanded), used as `version`. */
function aliasBomb(): string {
  const levels = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
  const anchors = levels.map((name, i) =>
    i === 0
      ? `x0: &a [${Array(9).fill('"lol"').join(',')}]`
      : `x${i}: &${name} [${Array(9)
          .fill(`*${levels[i - 1]}`)
          .join(',')}]`,
  );
  return [...anchors, 'version: *i', ''].join('\n');
}

async function post(url: string, body: string): Promise<{ status: number; type: string | null; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(await adminHeaders()) }, body });
  return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as Record<string, unknown> };
}

/** Hostile policy documents over the real HTTP API: the caller's error as an RFC 9457 problem, never a 500. */
describe('policy service - hostile documents over HTTP', () => {
  let harness: PolicyTestHarness;
  let url: string;

  beforeAll(async () => {
    harness = await startPolicyHarness();
    url = harness.service.httpUrl;
  });
  afterAll(() => harness.dispose());

  it('answers an alias bomb to validate with a 422 problem naming the aliasing, quickly', async () => {
    const started = Date.now();
    const answer = await post(`${url}${PolicyHttpPath.Validate}`, JSON.stringify({ document: aliasBomb() }));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(answer.status).toBe(422);
    expect(answer.type).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({
      type: 'about:blank',
      title: 'Unprocessable Entity',
      status: 422,
      detail: expect.stringMatching(/^the policy document cannot be read: invalid YAML: the document's aliases expand more than 100 times/),
      details: [expect.objectContaining({ code: 'EXCESSIVE_ALIASING', path: '(root)' })],
    });
    // The service goes on serving.
    const valid = await post(`${url}${PolicyHttpPath.Validate}`, JSON.stringify({ document: 'version: v1\n' }));
    expect(valid).toMatchObject({ status: 200, body: { valid: true } });
  });

  it('answers an alias bomb to evaluate with a 422 problem', async () => {
    const answer = await post(`${url}${PolicyHttpPath.Evaluate}`, JSON.stringify({ document: aliasBomb(), volumes: [{ pvc: {} }] }));
    expect(answer.status).toBe(422);
    expect(answer.body['details']).toEqual([expect.objectContaining({ code: 'EXCESSIVE_ALIASING' })]);
  });

  it('answers a body over the 1 MiB limit with a 413 problem', async () => {
    const answer = await post(`${url}${PolicyHttpPath.Validate}`, JSON.stringify({ document: `version: v1\n# ${'x'.repeat(1_100_000)}` }));
    expect(answer).toMatchObject({
      status: 413,
      body: { status: 413, title: 'Payload Too Large', detail: expect.stringMatching(/too large/) },
    });
    expect(answer.type).toMatch(/^application\/problem\+json/);
  });

  it('answers malformed JSON and an unknown route with problems too', async () => {
    const malformed = await post(`${url}${PolicyHttpPath.Validate}`, '{"document": ');
    expect(malformed).toMatchObject({ status: 400, body: { type: 'about:blank', title: 'Bad Request', status: 400 } });
    const unknown = await post(`${url}/v1/nothing`, '{}');
    expect(unknown).toMatchObject({ status: 404, body: { status: 404, detail: 'no route for POST /v1/nothing' } });
  });
});
