// The AWS shared-credentials file format Velero's credential Secrets hold (`cloud-credentials`,
// key `cloud`): `[profile]` sections of `key = value` lines. Pure.

/** Keys of one profile. */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** Why a credentials file cannot be used (never quoting a value). */
export type AwsCredentialsProblem =
  | { readonly kind: 'profile-missing'; readonly profile: string; readonly profiles: readonly string[] }
  | { readonly kind: 'key-missing'; readonly profile: string; readonly key: string };

/** Result of {@link parseAwsCredentials}. */
export type AwsCredentialsResult =
  { readonly ok: true; readonly credentials: AwsCredentials } | { readonly ok: false; readonly problem: AwsCredentialsProblem };

/**
 * The keys of `profile` in an AWS shared-credentials text. Pure. Accepts `#`/`;` comments, blank
 * lines, spaces around `=`, `[profile name]` headers and CRLF; keys are case-insensitive. The
 * problem names the profile and key, never a value.
 */
export function parseAwsCredentials(text: string, profile = 'default'): AwsCredentialsResult {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*(?:profile\s+)?([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      const name = header[1] ?? '';
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0 || !current) continue;
    current.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
  }
  const section = sections.get(profile);
  if (!section) return { ok: false, problem: { kind: 'profile-missing', profile, profiles: [...sections.keys()] } };
  const accessKeyId = section.get('aws_access_key_id');
  if (!accessKeyId) return { ok: false, problem: { kind: 'key-missing', profile, key: 'aws_access_key_id' } };
  const secretAccessKey = section.get('aws_secret_access_key');
  if (!secretAccessKey) return { ok: false, problem: { kind: 'key-missing', profile, key: 'aws_secret_access_key' } };
  const sessionToken = section.get('aws_session_token');
  return { ok: true, credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } };
}

/** A sentence describing `problem` (no secret in it). Pure. */
export function describeAwsCredentialsProblem(problem: AwsCredentialsProblem): string {
  return problem.kind === 'profile-missing'
    ? `has no profile [${problem.profile}] (profiles: ${problem.profiles.length > 0 ? problem.profiles.join(', ') : 'none'}); set the BSL's spec.config.profile or add the section`
    : `profile [${problem.profile}] has no ${problem.key}`;
}
