import { isDecodingIssue, isDocumentRefusal, maxPolicyDocumentBytes, PolicyIssueCode } from './errors';
import { lines } from './testing';
import { parseResourcePolicies } from './volume-policy-parser';

/** A billion-laughs document: nine levels of nine aliases each (9^9 strings once expanded), used at `use`. */
function aliasBomb(use: string): string {
  const levels = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
  const anchors = levels.map((name, i) =>
    i === 0
      ? `x0: &a [${Array(9).fill('"lol"').join(',')}]`
      : `x${i}: &${name} [${Array(9)
          .fill(`*${levels[i - 1]}`)
          .join(',')}]`,
  );
  return lines(...anchors, use);
}

describe('volume policy parser - refused documents', () => {
  it.each([
    ['a string field', 'version: *i'],
    ['the policy list', 'volumePolicies: *i'],
  ])('refuses an alias bomb in %s quickly, as one issue, without throwing', (_where, use) => {
    const started = Date.now();
    const result = parseResourcePolicies(aliasBomb(use));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          code: PolicyIssueCode.ExcessiveAliasing,
          path: '(root)',
          line: 1,
          column: 1,
          message: expect.stringMatching(
            /^invalid YAML: the document's aliases expand more than 100 times per anchor \(Excessive alias count.*\); write the repeated values out instead of aliasing them$/,
          ),
        },
      ],
    });
  });

  it('still accepts a document that reuses an anchor a few times', () => {
    const result = parseResourcePolicies(
      lines(
        'version: v1',
        'volumePolicies:',
        '- conditions: &nfs {nfs: {}}',
        '  action: &skip {type: skip}',
        '- conditions: *nfs',
        '  action: *skip',
      ),
    );
    expect(result.ok).toBe(true);
  });

  it('refuses a document over the ConfigMap limit before parsing it', () => {
    const text = `version: v1\n# ${'x'.repeat(maxPolicyDocumentBytes)}\n`;
    expect(parseResourcePolicies(text)).toEqual({
      ok: false,
      issues: [
        {
          code: PolicyIssueCode.DocumentTooLarge,
          path: '(root)',
          line: 1,
          column: 1,
          message: `the document is ${text.length} bytes, over the 1048576 bytes a ConfigMap holds; split or shorten it`,
        },
      ],
    });
  });

  it.each([
    [PolicyIssueCode.ExcessiveAliasing, true, true],
    [PolicyIssueCode.DocumentTooLarge, true, true],
    [PolicyIssueCode.YamlSyntax, false, true],
    [PolicyIssueCode.InvalidActionType, false, false],
  ])('%s: refusal %s, decoding issue %s', (code, refusal, decoding) => {
    expect(isDocumentRefusal({ code })).toBe(refusal);
    expect(isDecodingIssue({ code })).toBe(decoding);
  });
});
