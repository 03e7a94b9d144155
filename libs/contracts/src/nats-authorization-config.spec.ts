import { InvalidDefinitionError } from './errors';
import { renderNatsAuthorization, type NatsUser } from './nats-authorization-config';

const permissions = { publish: ['ferry.a', '$JS.API.INFO'], subscribe: ['_INBOX.u.>'], allowResponses: false };
const user = (name: string, password: NatsUser['password'], allowResponses = false): NatsUser => ({
  user: name,
  password,
  permissions: { ...permissions, allowResponses },
});

describe('renderNatsAuthorization', () => {
  it('renders each user with its allow lists, quoting subjects and passwords', () => {
    const config = renderNatsAuthorization([user('u', { value: 'a"very-long-password' }, true)]);
    expect(config).toContain('user: "u"');
    expect(config).toContain('password: "a\\"very-long-password"');
    expect(config).toContain('"$JS.API.INFO"');
    expect(config).toContain('allow_responses: true');
    expect(config.startsWith('authorization {\n  users = [\n')).toBe(true);
  });

  it('references a password variable unquoted, so nats-server reads it from its environment', () => {
    const config = renderNatsAuthorization([user('u', { variable: 'FERRY_NATS_PASSWORD_U' })]);
    expect(config).toContain('password: $FERRY_NATS_PASSWORD_U\n');
    expect(config).not.toContain('allow_responses');
  });

  it.each([
    ['a duplicate user', [user('u', { variable: 'A' }), user('u', { variable: 'B' })], /listed twice/],
    ['a short password', [user('u', { value: 'short' })], /at least 16 characters/],
    ['a bad variable name', [user('u', { variable: 'a-b' })], /must be upper-case/],
    ['no user', [], /at least one user/],
  ])('rejects %s', (_what, users, message) => {
    expect(() => renderNatsAuthorization(users)).toThrow(InvalidDefinitionError);
    expect(() => renderNatsAuthorization(users)).toThrow(message);
  });
});
