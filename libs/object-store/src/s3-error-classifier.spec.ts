import { ObjectStoreErrorCode } from './errors';
import { classifyS3Error } from './s3-error-classifier';

describe('S3 error classifier - SDK failures to ObjectStoreError', () => {
  const target = { operation: 'list', endpoint: 'http://127.0.0.1:9000', bucket: 'velero' };
  const sdkError = (name: string, httpStatusCode?: number) =>
    Object.assign(new Error('aws said no'), { name, $metadata: httpStatusCode ? { httpStatusCode } : {} });
  const netError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

  it.each([
    [
      'a missing bucket',
      sdkError('NoSuchBucket', 404),
      ObjectStoreErrorCode.BucketNotFound,
      false,
      'bucket "velero" does not exist at http://127.0.0.1:9000',
    ],
    ['a missing object', sdkError('NoSuchKey', 404), ObjectStoreErrorCode.ObjectNotFound, false, 'list: no such object in bucket "velero"'],
    ['a missing object (HEAD)', sdkError('NotFound', 404), ObjectStoreErrorCode.ObjectNotFound, false, 'no such object'],
    ['an unknown key', sdkError('InvalidAccessKeyId', 403), ObjectStoreErrorCode.AccessDenied, false, 'refused the credentials'],
    ['a wrong secret', sdkError('SignatureDoesNotMatch', 403), ObjectStoreErrorCode.AccessDenied, false, '(SignatureDoesNotMatch)'],
    ['a bare 403', sdkError('UnknownError', 403), ObjectStoreErrorCode.AccessDenied, false, 'refused the credentials'],
    [
      'a refused connection',
      netError('ECONNREFUSED'),
      ObjectStoreErrorCode.Unreachable,
      true,
      'cannot reach the object store at http://127.0.0.1:9000 (ECONNREFUSED)',
    ],
    [
      'a refused connection inside an AggregateError',
      Object.assign(new AggregateError([netError('ECONNREFUSED')]), { name: 'AggregateError' }),
      ObjectStoreErrorCode.Unreachable,
      true,
      '(ECONNREFUSED)',
    ],
    ['an unknown host', netError('ENOTFOUND'), ObjectStoreErrorCode.Unreachable, true, '(ENOTFOUND)'],
    ['a timeout', sdkError('TimeoutError'), ObjectStoreErrorCode.Unreachable, true, '(TimeoutError)'],
    ['an untrusted certificate', netError('DEPTH_ZERO_SELF_SIGNED_CERT'), ObjectStoreErrorCode.Unreachable, false, 'insecureSkipTLSVerify'],
    [
      'a certificate of a private CA: no advice to set caCert, which is not read',
      netError('SELF_SIGNED_CERT_IN_CHAIN'),
      ObjectStoreErrorCode.Unreachable,
      false,
      'Ferry trusts the system CAs only (it does not read spec.objectStorage.caCert or caCertRef)',
    ],
    [
      'a server error',
      sdkError('InternalError', 500),
      ObjectStoreErrorCode.RequestFailed,
      true,
      'list on bucket "velero" at http://127.0.0.1:9000 failed (InternalError, HTTP 500)',
    ],
  ])('%s', (_what, error, code, retryable, message) => {
    const classified = classifyS3Error(error, target);
    expect(classified).toMatchObject({ code, retryable, cause: error });
    expect(classified.message).toContain(message);
    expect(classified.message).not.toContain('aws said no');
  });
});
