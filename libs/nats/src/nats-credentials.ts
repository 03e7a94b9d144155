import { readFile } from 'node:fs/promises';
import { NatsCredentialsError } from './errors';

/** A NATS user and its password (nats-server `authorization { users }`). */
export interface NatsCredentials {
  readonly user: string;
  readonly password: string;
}

/** PEM files of a TLS connection to NATS (nats.js `tls`): the CA to trust, and a client certificate and key. */
export interface NatsTlsFiles {
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
}

const userPattern = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Parses the content of a credentials file, `{"user": "<name>", "password": "<password>"}`.
 * Pure. Throws {@link NatsCredentialsError} naming `file` and the problem, never the content.
 */
export function parseNatsCredentials(text: string, file: string): NatsCredentials {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new NatsCredentialsError(file, 'is not JSON: write {"user": "<name>", "password": "<password>"}');
  }
  const { user, password } = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (typeof user !== 'string' || !userPattern.test(user)) {
    throw new NatsCredentialsError(file, 'has no valid "user": letters, digits, "-" or "_", at most 128');
  }
  if (typeof password !== 'string' || password.length === 0) {
    throw new NatsCredentialsError(file, 'has no "password" string');
  }
  return { user, password };
}

/** Reads and parses a credentials file (see {@link parseNatsCredentials}); throws {@link NatsCredentialsError}. */
export async function readNatsCredentialsFile(file: string): Promise<NatsCredentials> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new NatsCredentialsError(file, "cannot be read: mount the service's NATS Secret there or fix NATS_CREDENTIALS_FILE", { cause });
  }
  return parseNatsCredentials(text, file);
}
