import { FerryError } from '@ferry/errors';

/** Stable codes of service start-up failures. */
export const ServiceRuntimeErrorCode = {
  InvalidConfig: 'SERVICE_INVALID_CONFIG',
} as const;
export type ServiceRuntimeErrorCode = (typeof ServiceRuntimeErrorCode)[keyof typeof ServiceRuntimeErrorCode];

/** A service's environment is unusable; the message names the variable and what it must hold. */
export class InvalidServiceConfigError extends FerryError<typeof ServiceRuntimeErrorCode.InvalidConfig> {
  /** Not retryable: the same environment fails the same way. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(ServiceRuntimeErrorCode.InvalidConfig, message, { cause: options?.cause, retryable: false });
  }
}
