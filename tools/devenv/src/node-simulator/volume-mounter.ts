import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { KubeLogger } from '@ferry/kube';

const run = promisify(execFile);

/** How volume data appears under a pod's kubelet path. */
export type MountMechanism = 'bind-mount' | 'symlink';

/**
 * Makes a volume's data folder visible at a pod's kubelet path, like a CSI NodePublish. With
 * `bind-mount` (needs root / CAP_SYS_ADMIN) a read-only mount is a real read-only bind mount, so
 * even root gets EROFS on writes. `symlink` is the fallback for unprivileged machines: data is
 * reachable, but read-only is not enforced (a warning is logged once).
 */
export interface VolumeMounter {
  readonly mechanism: MountMechanism;
  /** Shows `source` at `target`; idempotent (an existing mount at `target` is kept). */
  mount(source: string, target: string, readOnly: boolean): Promise<void>;
  /** Removes the mount at `target` (not the data); nothing if not mounted. */
  unmount(target: string): Promise<void>;
  /** Unmounts everything at or under `root`, deepest first (teardown; safe to call twice). */
  unmountAll(root: string): Promise<void>;
}

/**
 * Picks the mechanism by trying it: a bind mount in `probeDir` that is remounted read-only and
 * must then refuse a write. Falls back to symlinks (and says so in the log) if any step fails.
 */
export async function createVolumeMounter(probeDir: string, logger: KubeLogger): Promise<VolumeMounter> {
  const bind = new BindMounter();
  const source = join(probeDir, 'source');
  const target = join(probeDir, 'target');
  try {
    await mkdir(source, { recursive: true });
    await bind.mount(source, target, true);
    const refused = await writeFile(join(target, 'probe'), 'x').then(
      () => false,
      (error: NodeJS.ErrnoException) => error.code === 'EROFS',
    );
    if (!refused) throw new Error('a write through the read-only bind mount succeeded');
    return bind;
  } catch (error) {
    logger.warn(
      { err: (error as Error).message },
      'bind mounts unavailable (not root?): volumes appear as symlinks and read-only is not enforced',
    );
    return new SymlinkMounter(logger);
  } finally {
    await bind.unmountAll(probeDir).catch(() => undefined);
    await rm(probeDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

class BindMounter implements VolumeMounter {
  readonly mechanism = 'bind-mount';

  async mount(source: string, target: string, readOnly: boolean): Promise<void> {
    if ((await mountPoints()).includes(target)) return;
    await mkdir(target, { recursive: true });
    await run('mount', ['--bind', source, target]);
    if (!readOnly) return;
    try {
      await run('mount', ['-o', 'remount,bind,ro', target]);
    } catch (error) {
      // Never leave a writable mount where a read-only one was asked for.
      await this.unmount(target);
      throw error;
    }
  }

  async unmount(target: string): Promise<void> {
    if (!(await mountPoints()).includes(target)) return;
    await run('umount', [target]).catch(() => run('umount', ['-l', target]));
  }

  async unmountAll(root: string): Promise<void> {
    const below = (await mountPoints()).filter((point) => point === root || point.startsWith(`${root}/`));
    for (const point of below.sort((a, b) => b.length - a.length)) await this.unmount(point);
  }
}

class SymlinkMounter implements VolumeMounter {
  readonly mechanism = 'symlink';
  private warned = false;

  constructor(private readonly logger: KubeLogger) {}

  async mount(source: string, target: string, readOnly: boolean): Promise<void> {
    if (readOnly && !this.warned) {
      this.warned = true;
      this.logger.warn({ target }, 'read-only volume mounted as a symlink: writes are not prevented');
    }
    await mkdir(dirname(target), { recursive: true });
    await symlink(source, target).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }

  async unmount(target: string): Promise<void> {
    await rm(target, { force: true });
  }

  async unmountAll(): Promise<void> {
    // Symlinks go away with the folders that hold them.
  }
}

/** Mount points of this mount namespace (from /proc/self/mountinfo, octal escapes decoded). */
async function mountPoints(): Promise<string[]> {
  const text = await readFile('/proc/self/mountinfo', 'utf8');
  return text
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((point): point is string => Boolean(point))
    .map((point) => point.replace(/\\([0-7]{3})/g, (_match, octal: string) => String.fromCharCode(parseInt(octal, 8))));
}
