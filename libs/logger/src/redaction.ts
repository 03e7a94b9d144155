/**
 * Keys whose values are secrets wherever they appear in a log object. Matching is by exact key
 * (pino's redaction has no case-insensitive mode), so common spellings are listed.
 */
export const secretKeys: readonly string[] = [
  'password',
  'passwd',
  'secret',
  'secretAccessKey',
  'secret_access_key',
  'accessKey',
  'accessKeyId',
  'access_key',
  'sessionToken',
  'token',
  'bearerToken',
  'accessToken',
  'refreshToken',
  'apiKey',
  'api_key',
  'privateKey',
  'authorization',
  'Authorization',
  'cookie',
  'credentials',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SESSION_TOKEN',
  'RESTIC_PASSWORD',
  'KOPIA_PASSWORD',
  'AZURE_STORAGE_KEY',
  'GOOGLE_APPLICATION_CREDENTIALS',
];

/** How many object levels below the log line's root redaction reaches (`a.b.c.password` is depth 3). */
export const redactionDepth = 4;

/**
 * pino `redact.paths` for every key of `keys` at depths 0..`depth` (`password`, `*.password`,
 * `*.*.password`, …). Pure. Secrets nested deeper, or inside strings, are not caught: do not log
 * whole config objects or command lines.
 */
export function redactionPaths(keys: readonly string[] = secretKeys, depth: number = redactionDepth): string[] {
  const paths: string[] = [];
  for (let level = 0; level <= depth; level++) {
    const prefix = '*.'.repeat(level);
    for (const key of keys) paths.push(`${prefix}${/^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`}`);
  }
  return paths;
}
