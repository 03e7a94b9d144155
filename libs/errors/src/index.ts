// Public entry of @ferry/errors: the base class of every Ferry error and the one retry rule.

export { FerryError, isRetryable, errorCode, type FerryErrorOptions } from './ferry-error';
