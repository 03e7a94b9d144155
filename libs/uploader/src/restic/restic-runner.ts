// Runs one restic command for a repository access: writes the 0600 password file, builds the
// environment, streams output through the process runner and turns failures into UploaderErrors.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UploaderError, UploaderErrorCode } from '../errors';
import { runProcess, type ProcessResult } from '../process-runner';
import type { RepositoryAccess } from '../uploader';
import { resticEnvironment, resticGlobalOptions, type ResticGlobalOptions } from './restic-args';
import { classifyResticFailure, isUnreachableLine } from './restic-output';

/** restic retries an unreachable store for minutes; give up after this many retry lines. */
const unreachableRetryLimit = 3;

/** One restic command of an operation. */
export interface ResticCommand {
  /** What is being done, for messages (`backup of /mnt/x`). */
  readonly operation: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  readonly signal?: AbortSignal;
  readonly onStdoutLine?: (line: string) => void;
  /** Failures this caller handles itself: the result is returned instead of thrown. */
  readonly tolerate?: (code: UploaderErrorCode, result: ProcessResult) => boolean;
}

/** A prepared repository access: global options and how to run restic with them. */
export interface ResticSession {
  readonly options: ResticGlobalOptions;
  run(command: ResticCommand): Promise<ProcessResult>;
}

/** Replaces every secret of the access in `text` (a tool may echo what it was given). */
export function redactSecrets(text: string, access: RepositoryAccess): string {
  const secrets = [access.password, access.location.secretAccessKey, access.location.sessionToken, access.location.accessKeyId];
  let redacted = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 3) redacted = redacted.split(secret).join('***');
  }
  return redacted;
}

const hints: Partial<Record<UploaderErrorCode, string>> = {
  [UploaderErrorCode.WrongPassword]: 'check the velero-repo-credentials Secret (repository-password)',
  [UploaderErrorCode.RepositoryLocked]: 'another restic process holds the lock; retry later or run `restic unlock` if it is stale',
  [UploaderErrorCode.StorageUnreachable]: 'check the BSL endpoint and that the object store is up; retrying may help',
  [UploaderErrorCode.RepositoryNotFound]: 'create the repository first (createRepository)',
  [UploaderErrorCode.RepositoryExists]: 'connect to the existing repository instead',
  [UploaderErrorCode.DiskFull]: 'free space on the target volume',
  [UploaderErrorCode.SnapshotNotFound]: 'check the snapshot id against listSnapshots',
};

/**
 * Prepares the work folder (created 0700 if missing) and the 0600 password file, and returns a
 * session whose `run` resolves with the tool's result or rejects with an `UploaderError`:
 * `UPLOADER_CANCELED` when the caller aborted, `UPLOADER_STORAGE_UNREACHABLE` when restic kept
 * retrying an unreachable store, else the classified failure. The caller owns the work folder.
 */
export async function openResticSession(binary: string, access: RepositoryAccess): Promise<ResticSession> {
  await mkdir(access.workDir, { recursive: true, mode: 0o700 });
  const passwordFile = join(access.workDir, 'restic-password');
  // Write then rename: restic processes of concurrent jobs on this repository read the file while a
  // new session replaces it, and must never see it truncated (restic: "an empty password is not allowed").
  const written = `${passwordFile}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(written, access.password.trim(), { mode: 0o600, flag: 'wx' });
  await chmod(written, 0o600);
  await rename(written, passwordFile);
  const options = resticGlobalOptions(access);
  const env = resticEnvironment(access, passwordFile);
  const fail = (code: UploaderErrorCode, message: string, cause?: unknown) =>
    new UploaderError(code, redactSecrets(message, access), { cause });

  return {
    options,
    async run(command) {
      const where = `restic ${command.operation} in repository ${options.repository}`;
      if (command.signal?.aborted) throw fail(UploaderErrorCode.Canceled, `${where} was canceled before it started`);
      const giveUp = new AbortController();
      let unreachableLines = 0;
      const signal = command.signal ? AbortSignal.any([command.signal, giveUp.signal]) : giveUp.signal;
      let result: ProcessResult;
      try {
        result = await runProcess({
          command: binary,
          args: command.args,
          env,
          cwd: command.cwd,
          signal,
          onStdoutLine: command.onStdoutLine,
          onStderrLine: (line) => {
            if (isUnreachableLine(line) && ++unreachableLines >= unreachableRetryLimit) giveUp.abort();
          },
        });
      } catch (error) {
        throw fail(UploaderErrorCode.ToolFailed, `${where} could not start restic (${binary}): ${String(error)}`, error);
      }
      const stderr = redactSecrets(result.stderrTail, access);
      if (command.signal?.aborted) throw fail(UploaderErrorCode.Canceled, `${where} was canceled; restic was stopped`);
      if (giveUp.signal.aborted) {
        throw fail(
          UploaderErrorCode.StorageUnreachable,
          `${where} failed: the object store is unreachable (${hints[UploaderErrorCode.StorageUnreachable]}): ${stderr}`,
        );
      }
      if (result.exitCode === 0) return result;
      const code = classifyResticFailure(result.stderrTail, result.exitCode);
      if (command.tolerate?.(code, result)) return result;
      const hint = hints[code] ? ` (${hints[code]})` : '';
      throw fail(code, `${where} failed with exit code ${String(result.exitCode ?? result.signal)}${hint}: ${stderr}`);
    },
  };
}
