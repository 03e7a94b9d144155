import { moveResultSchema } from '@ferry/contracts';
import { UploaderError, UploaderErrorCode } from '@ferry/uploader';
import { classifyError } from './errors';

describe('mover errors - classification', () => {
  it('classifies library errors by their code and anything else as internal and retryable', () => {
    expect(classifyError(new UploaderError(UploaderErrorCode.WrongPassword, 'wrong'))).toEqual({
      code: 'UPLOADER_WRONG_PASSWORD',
      retryable: false,
      message: 'wrong',
    });
    expect(classifyError(new Error('boom'))).toEqual({
      code: 'MOVER_INTERNAL',
      retryable: true,
      message: 'unexpected mover failure: boom',
    });
    const result = {
      v: 1,
      jobId: 'j',
      operation: { kind: 'DataUpload', namespace: 'v', name: 'x' },
      direction: 'backup',
      node: 'n',
      outcome: 'failed',
      error: classifyError('x'),
      startedAt: '2026-01-01T00:00:00Z',
      completedAt: '2026-01-01T00:00:01Z',
    };
    expect(moveResultSchema.safeParse(result).success).toBe(true);
  });
});
