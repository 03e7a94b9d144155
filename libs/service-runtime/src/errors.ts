/** Stable codes of service start-up failures. */
export const ServiceRuntimeErrorCode = {
  InvalidConfig: 'SERVICE_INVALID_CONFIG',
} as const;
export type ServiceRuntimeErrorCode = (typeof ServiceRuntimeErrorCode)[keyof typeof ServiceRuntimeErrorCode];

/** A service's environment is unusable; the message names the variable and what it must hold. */
export class InvalidServiceConfigError extends Error {
  readonly code = ServiceRuntimeErrorCode.InvalidConfig;
  readonly retryable = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidServiceConfigError';
  }
}
