import { NatsCredentialsError } from './errors';
import { parseNatsCredentials } from './nats-credentials';

describe('parseNatsCredentials', () => {
  it('reads the user and password', () => {
    expect(parseNatsCredentials('{"user":"ferry-controller","password":"s3cret-value"}', '/f')).toEqual({
      user: 'ferry-controller',
      password: 's3cret-value',
    });
  });

  it.each([
    ['not JSON', 's3cret-value', /is not JSON/],
    ['no user', '{"password":"s3cret-value"}', /no valid "user"/],
    ['a user with dots', '{"user":"a.b","password":"s3cret-value"}', /no valid "user"/],
    ['no password', '{"user":"u"}', /no "password"/],
    ['an empty password', '{"user":"u","password":""}', /no "password"/],
    ['an array', '["s3cret-value"]', /no valid "user"/],
  ])('rejects %s, naming the file but never the content', (_what, text, problem) => {
    const error = (() => {
      try {
        parseNatsCredentials(text, '/etc/ferry/nats/credentials.json');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(NatsCredentialsError);
    expect((error as Error).message).toMatch(problem);
    expect((error as Error).message).toContain('/etc/ferry/nats/credentials.json');
    expect((error as Error).message).not.toContain('s3cret');
  });
});
