export { InvalidLogLevelError, LoggerErrorCode } from './errors';
export { activeTraceFields, createLogger, LogLevel, redactedValue, silentLogger, type Logger, type LoggerOptions } from './logger-factory';
export { redactionDepth, redactionPaths, secretKeys } from './redaction';
