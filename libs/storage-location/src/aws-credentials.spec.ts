import { describeAwsCredentialsProblem, parseAwsCredentials } from './aws-credentials';

describe('AWS credentials file - parsing', () => {
  const text =
    '# velero\r\n[default]\r\naws_access_key_id = AKIA1\r\naws_secret_access_key=s3cr3t\r\n\r\n[profile other]\nAWS_ACCESS_KEY_ID=AKIA2\naws_secret_access_key=x\naws_session_token=tok\n';
  it.each([
    ['default', { accessKeyId: 'AKIA1', secretAccessKey: 's3cr3t' }],
    ['other', { accessKeyId: 'AKIA2', secretAccessKey: 'x', sessionToken: 'tok' }],
  ])('reads profile %s', (profile, credentials) => {
    expect(parseAwsCredentials(text, profile)).toEqual({ ok: true, credentials });
  });

  it('names a missing profile or key, never a value', () => {
    const missing = parseAwsCredentials(text, 'prod');
    expect(missing).toEqual({ ok: false, problem: { kind: 'profile-missing', profile: 'prod', profiles: ['default', 'other'] } });
    if (!missing.ok) expect(describeAwsCredentialsProblem(missing.problem)).toContain('no profile [prod] (profiles: default, other)');
    const noSecret = parseAwsCredentials('[default]\naws_access_key_id=AKIA1\n');
    expect(noSecret).toEqual({ ok: false, problem: { kind: 'key-missing', profile: 'default', key: 'aws_secret_access_key' } });
    if (!noSecret.ok) expect(describeAwsCredentialsProblem(noSecret.problem)).not.toContain('AKIA1');
  });
});
