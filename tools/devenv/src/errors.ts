import { FerryError } from '@ferry/errors';

/** Stable codes of the development environment's failures. */
export const DevEnvErrorCode = {
  BinariesUnavailable: 'BINARIES_UNAVAILABLE',
  ProcessExited: 'PROCESS_EXITED',
  NotReady: 'NOT_READY',
  NatsNamespacesExhausted: 'NATS_NAMESPACES_EXHAUSTED',
} as const;
export type DevEnvErrorCode = (typeof DevEnvErrorCode)[keyof typeof DevEnvErrorCode];

/** A failure to build, start or reach a component of the development environment. */
export class DevEnvError extends FerryError<DevEnvErrorCode> {
  constructor(code: DevEnvErrorCode, message: string, retryable: boolean, options?: { cause?: unknown }) {
    super(code, message, { cause: options?.cause, retryable });
  }
}
