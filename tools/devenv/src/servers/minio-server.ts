import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { freePort } from '../free-port';
import { httpOk, startProcess, type ManagedProcess } from '../managed-process';

/** S3 coordinates of the environment's MinIO. The keys are generated per run. */
export interface S3Info {
  readonly endpoint: string;
  readonly region: string;
  readonly bucket: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** A running MinIO with one bucket created. */
export interface MinioServer {
  readonly process: ManagedProcess;
  readonly s3: S3Info;
}

/** Starts MinIO on loopback (credentials passed in its environment) and creates `bucket`. */
export async function startMinio(binary: string, stateDir: string, bucket: string): Promise<MinioServer> {
  const [port, consolePort] = [await freePort(), await freePort()];
  const endpoint = `http://127.0.0.1:${port}`;
  const s3: S3Info = {
    endpoint,
    region: 'us-east-1',
    bucket,
    accessKeyId: `ferry${randomBytes(6).toString('hex')}`,
    secretAccessKey: randomBytes(24).toString('base64url'),
  };
  const process = await startProcess({
    name: 'minio',
    command: binary,
    args: ['server', join(stateDir, 'minio'), '--address', `127.0.0.1:${port}`, '--console-address', `127.0.0.1:${consolePort}`, '--quiet'],
    env: {
      MINIO_ROOT_USER: s3.accessKeyId,
      MINIO_ROOT_PASSWORD: s3.secretAccessKey,
      MINIO_BROWSER: 'off',
      MINIO_UPDATE: 'off',
    },
    logFile: join(stateDir, 'minio.log'),
    isReady: () => httpOk(`${endpoint}/minio/health/ready`),
    readyTimeoutMs: 30_000,
  });
  const client = new S3Client({
    endpoint,
    region: s3.region,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  });
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } finally {
    client.destroy();
  }
  return { process, s3 };
}
