import { ApiException } from '@kubernetes/client-node';
import { toKubeError } from './error-mapper';
import { KubeError, KubeErrorCode } from './errors';

const status = (code: number, reason: string, message: string, causes?: object[]) =>
  JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message, details: causes ? { causes } : {} });

describe('error mapper - API server answers', () => {
  it.each([
    [404, 'NotFound', KubeErrorCode.NotFound, false],
    [409, 'Conflict', KubeErrorCode.Conflict, true],
    [409, 'AlreadyExists', KubeErrorCode.AlreadyExists, false],
    [422, 'Invalid', KubeErrorCode.Invalid, false],
    [403, 'Forbidden', KubeErrorCode.Forbidden, false],
    [410, 'Expired', KubeErrorCode.Gone, true],
    [429, 'TooManyRequests', KubeErrorCode.TooManyRequests, true],
    [503, 'ServiceUnavailable', KubeErrorCode.Unavailable, true],
    [500, 'InternalError', KubeErrorCode.Unavailable, true],
  ])('HTTP %i %s maps to %s (retryable %s)', (code, reason, expected, retryable) => {
    const error = toKubeError(new ApiException(code, 'x', status(code, reason, `${reason} happened`), {}), 'get pods a/b');
    expect(error).toBeInstanceOf(KubeError);
    expect(error.code).toBe(expected);
    expect(error.retryable).toBe(retryable);
    expect(error.status).toBe(code);
    expect(error.reason).toBe(reason);
    expect(error.message).toBe(`get pods a/b: ${reason} happened`);
  });

  it('keeps the field causes of an Invalid object and names them in the message', () => {
    const causes = [
      { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers' },
      { reason: 'FieldValueInvalid', message: 'Invalid value: "A": must be lower case', field: 'metadata.name' },
    ];
    const error = toKubeError(new ApiException(422, 'x', status(422, 'Invalid', 'Pod "A" is invalid', causes), {}), 'create pods ns/A');
    expect(error.code).toBe(KubeErrorCode.Invalid);
    expect(error.causes).toEqual(causes);
    expect(error.message).toContain('spec.containers: Required value');
    expect(error.message).toContain('metadata.name: Invalid value');
  });

  it('maps a Status object sent as a watch ERROR event', () => {
    const error = toKubeError({ kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' }, 'watch pods');
    expect(error.code).toBe(KubeErrorCode.Gone);
  });

  it('maps a non-JSON body to its text', () => {
    const error = toKubeError(new ApiException(502, 'x', 'Bad Gateway', {}), 'list pods');
    expect(error.code).toBe(KubeErrorCode.Unavailable);
    expect(error.message).toBe('list pods: Bad Gateway');
  });
});

describe('error mapper - transport failures', () => {
  it('maps a refused connection to a retryable Unavailable', () => {
    const fetchFailure = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    });
    const error = toKubeError(fetchFailure, 'list pods');
    expect(error.code).toBe(KubeErrorCode.Unavailable);
    expect(error.retryable).toBe(true);
    expect(error.cause).toBe(fetchFailure);
  });

  it('maps a watch HTTP error (statusCode property)', () => {
    const error = toKubeError(Object.assign(new Error('Gone'), { statusCode: 410 }), 'watch pods');
    expect(error.code).toBe(KubeErrorCode.Gone);
  });

  it('passes a KubeError through and wraps unknown values', () => {
    const original = new KubeError(KubeErrorCode.Conflict, 'x');
    expect(toKubeError(original, 'y')).toBe(original);
    expect(toKubeError('boom', 'get x').code).toBe(KubeErrorCode.Unknown);
  });
});
