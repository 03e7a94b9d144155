import { InvalidNameError, InvalidSubjectTokenError } from './errors';
import { assertResourceName, assertSubjectToken, isSubjectToken, nodeNameToken } from './subject-token';

describe('subject-token - plain tokens', () => {
  it.each([
    ['a.b', '"."'],
    ['*', 'wildcard'],
    ['a>', 'wildcard'],
    ['a b', 'whitespace'],
    ['tab\there', 'whitespace'],
    ['new\nline', 'whitespace'],
    ['', 'empty'],
  ])('rejects %j (%s)', (value, reason) => {
    expect(isSubjectToken(value)).toBe(false);
    expect(() => assertSubjectToken(value, 'parameter "lane"')).toThrow(InvalidSubjectTokenError);
    expect(() => assertSubjectToken(value, 'parameter "lane"')).toThrow(new RegExp(`parameter "lane".*${reason}`));
  });

  it.each(['node-1', 'A_b-9', 'ümlaut'])('accepts %j', (value) => {
    expect(assertSubjectToken(value, 'x')).toBe(value);
  });
});

describe('subject-token - Kubernetes node names', () => {
  it('escapes dots reversibly', () => {
    const token = nodeNameToken.encode('ip-10-0-1-2.ec2.internal', 'node');
    expect(token).toBe('ip-10-0-1-2_ec2_internal');
    expect(isSubjectToken(token)).toBe(true);
    expect(nodeNameToken.decode(token)).toBe('ip-10-0-1-2.ec2.internal');
  });

  it.each(['node*', 'node>', '>', 'node 1', ' node', 'Node-1', '', '.node', 'node.', 'a..b', 'node_1', 'x'.repeat(254)])(
    'rejects %j with a clear error',
    (value) => {
      const attempt = (): string => nodeNameToken.encode(value, 'parameter "node" of ferry.job.move.v1.{node}');
      expect(attempt).toThrow(InvalidSubjectTokenError);
      expect(attempt).toThrow(/parameter "node" of ferry\.job\.move\.v1\.\{node\}: .* is not a Kubernetes node name/);
    },
  );

  it('names the wildcard problem', () => {
    expect(() => nodeNameToken.encode('a*', 'node')).toThrow(/wildcard/);
  });

  it('carries a stable code and is not retryable', () => {
    try {
      nodeNameToken.encode('a b', 'node');
      throw new Error('expected a throw');
    } catch (error) {
      expect(error).toMatchObject({ code: 'CONTRACT_INVALID_TOKEN', retryable: false, value: 'a b' });
    }
  });
});

describe('subject-token - resource names', () => {
  it.each(['FERRY_WORK', 'mover-jobs-node_1'])('accepts %j', (name) => {
    expect(assertResourceName(name, 'stream')).toBe(name);
  });
  it.each(['a.b', 'a b', 'a/b', 'a*', '', 'x'.repeat(256)])('rejects %j', (name) => {
    expect(() => assertResourceName(name, 'stream')).toThrow(InvalidNameError);
  });
});
