import { InvalidDefinitionError } from './errors';
import type { NatsPermissions } from './nats-permissions';

/**
 * Where nats-server finds a user's password: the value itself (the config file is then a secret),
 * or the name of an environment variable of the nats-server process (`password: $NAME`), so the
 * config can live in a ConfigMap and the passwords in a Secret.
 */
export type NatsPasswordSource = { readonly value: string } | { readonly variable: string };

/** One user of nats-server's `authorization` block. */
export interface NatsUser {
  readonly user: string;
  readonly password: NatsPasswordSource;
  readonly permissions: NatsPermissions;
}

const quote = (text: string): string => JSON.stringify(text);
const list = (subjects: readonly string[], indent: string): string =>
  subjects.length === 0 ? '[]' : `[\n${subjects.map((s) => `${indent}  ${quote(s)}`).join(',\n')}\n${indent}]`;

function password(source: NatsPasswordSource, user: string): string {
  if ('value' in source) {
    if (source.value.length < 16) throw new InvalidDefinitionError(`NATS user ${user}: password must have at least 16 characters`);
    return quote(source.value);
  }
  if (!/^[A-Z_][A-Z0-9_]*$/.test(source.variable)) {
    throw new InvalidDefinitionError(
      `NATS user ${user}: password variable ${quote(source.variable)} must be upper-case letters, digits and _`,
    );
  }
  return `$${source.variable}`;
}

function renderUser({ user, password: source, permissions }: NatsUser): string {
  const i = '      ';
  return [
    '    {',
    `      user: ${quote(user)}`,
    `      password: ${password(source, user)}`,
    '      permissions: {',
    `        publish: { allow: ${list(permissions.publish, `${i}  `)} }`,
    `        subscribe: { allow: ${list(permissions.subscribe, `${i}  `)} }`,
    ...(permissions.allowResponses ? ['        allow_responses: true'] : []),
    '      }',
    '    }',
  ].join('\n');
}

/**
 * nats-server's `authorization { users = [...] }` block for `users`: only they may connect (no
 * anonymous user), each limited to its allow lists (everything else denied). Pure; the output is
 * a config fragment to write into (or `include` from) the server's config file. Throws
 * {@link InvalidDefinitionError} for a duplicate user, a password under 16 characters or a bad
 * variable name.
 */
export function renderNatsAuthorization(users: readonly NatsUser[]): string {
  const seen = new Set<string>();
  for (const { user } of users) {
    if (seen.has(user)) throw new InvalidDefinitionError(`NATS user ${quote(user)} is listed twice`);
    seen.add(user);
  }
  if (users.length === 0) throw new InvalidDefinitionError('NATS authorization needs at least one user');
  return `authorization {\n  users = [\n${users.map(renderUser).join('\n')}\n  ]\n}\n`;
}
