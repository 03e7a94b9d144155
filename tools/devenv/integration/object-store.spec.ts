import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { loadEnvironmentInfo } from '../src/testing';

describe('object store - MinIO through @aws-sdk/client-s3', () => {
  const { s3 } = loadEnvironmentInfo();
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  });
  const prefix = `object-store-spec-${Date.now()}/`;
  afterAll(() => client.destroy());

  it('puts, gets, lists and deletes objects byte-for-byte', async () => {
    const bodies = { 'a.bin': randomBytes(1024 * 1024), 'nested/b.json': Buffer.from('{"x":1}') };
    for (const [key, body] of Object.entries(bodies)) {
      await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: prefix + key, Body: body }));
    }

    for (const [key, body] of Object.entries(bodies)) {
      const got = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: prefix + key }));
      expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
    }
    const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }));
    expect(listed.Contents?.map((object) => object.Key).sort()).toEqual([`${prefix}a.bin`, `${prefix}nested/b.json`]);

    await client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: `${prefix}a.bin` }));
    const after = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }));
    expect(after.Contents?.map((object) => object.Key)).toEqual([`${prefix}nested/b.json`]);
  });

  it('refuses a request signed with the wrong secret', async () => {
    const intruder = new S3Client({
      endpoint: s3.endpoint,
      region: s3.region,
      forcePathStyle: true,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: 'not-the-secret' },
    });
    await expect(intruder.send(new ListObjectsV2Command({ Bucket: s3.bucket }))).rejects.toThrow(/signature/i);
    intruder.destroy();
  });
});
