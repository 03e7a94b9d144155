import { FerryError, errorCode, isRetryable } from './ferry-error';

class SampleError extends FerryError<'SAMPLE_FAILED'> {
  constructor(options: { cause?: unknown; retryable?: boolean } = {}) {
    super('SAMPLE_FAILED', 'sample failed', { cause: options.cause, retryable: options.retryable ?? false });
  }
}

describe('FerryError', () => {
  it('ferry error - keeps code, message, cause, retryable and the concrete class name', () => {
    const cause = new Error('underlying');
    const error = new SampleError({ cause, retryable: true });
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(FerryError);
    expect(error.code).toBe('SAMPLE_FAILED');
    expect(error.message).toBe('sample failed');
    expect(error.cause).toBe(cause);
    expect(error.retryable).toBe(true);
    expect(error.name).toBe('SampleError');
  });

  it('ferry error - has no cause property when none is given', () => {
    expect('cause' in new SampleError()).toBe(false);
  });
});

describe('isRetryable', () => {
  it.each([
    ['a ferry error marked retryable', new SampleError({ retryable: true }), true],
    ['a ferry error marked not retryable', new SampleError({ retryable: false }), false],
    ['a foreign error with retryable: false', Object.assign(new Error('x'), { retryable: false }), false],
    ['a plain object with retryable: true', { retryable: true }, true],
    ['a bug (TypeError)', new TypeError('x is undefined'), true],
    ['an error with a non-boolean retryable', { retryable: 'no' }, true],
    ['null', null, true],
    ['a thrown string', 'boom', true],
  ])('is retryable - %s', (_what, error, expected) => {
    expect(isRetryable(error)).toBe(expected);
  });
});

describe('errorCode', () => {
  it('error code - returns a string code or the fallback', () => {
    expect(errorCode(new SampleError(), 'INTERNAL')).toBe('SAMPLE_FAILED');
    expect(errorCode({ code: 42 }, 'INTERNAL')).toBe('INTERNAL');
    expect(errorCode(new Error('x'), 'INTERNAL')).toBe('INTERNAL');
    expect(errorCode(undefined, 'INTERNAL')).toBe('INTERNAL');
  });
});
