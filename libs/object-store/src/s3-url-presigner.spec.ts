import type { StorageLocationPlan } from '@ferry/storage-location';
import { presignObjectUrl } from './s3-url-presigner';

describe('S3 URL presigner - SigV4 GET URLs, signed locally', () => {
  const plan: StorageLocationPlan = {
    endpoint: 'http://127.0.0.1:9000',
    region: 'us-east-1',
    bucket: 'velero',
    prefix: 'p',
    insecureSkipTlsVerify: false,
    forcePathStyle: true,
    profile: 'default',
    credential: { name: 'cloud-credentials', key: 'cloud' },
  };
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI-secret-value' };
  const request = { key: 'p/backups/b1/b1-logs.gz', expiresInSeconds: 600 };

  it('signs a GET of the key at the endpoint, valid for the given seconds, holding the key id but never the secret', async () => {
    const url = new URL(await presignObjectUrl({ plan, credentials }, request));
    expect(`${url.origin}${url.pathname}`).toBe('http://127.0.0.1:9000/velero/p/backups/b1/b1-logs.gz');
    expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('600');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^AKIDEXAMPLE\/\d{8}\/us-east-1\/s3\/aws4_request$/);
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(url.toString()).not.toContain(credentials.secretAccessKey);
  });

  it("points at the plan's publicEndpoint when set (Velero's publicUrl), in virtual-host style without path style", async () => {
    const url = new URL(
      await presignObjectUrl({ plan: { ...plan, publicEndpoint: 'https://s3.example.com', forcePathStyle: false }, credentials }, request),
    );
    expect(`${url.origin}${url.pathname}`).toBe('https://velero.s3.example.com/p/backups/b1/b1-logs.gz');
  });

  it('signs the session token in when the credentials have one', async () => {
    const url = new URL(await presignObjectUrl({ plan, credentials: { ...credentials, sessionToken: 'token-1' } }, request));
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe('token-1');
  });
});
