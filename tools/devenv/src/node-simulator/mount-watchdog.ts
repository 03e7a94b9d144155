import { spawn } from 'node:child_process';

/** A detached watcher that unmounts leftovers if this process dies without stopping the simulator. */
export interface MountWatchdog {
  /** Ends the watcher (after a normal teardown there is nothing left to unmount). */
  stop(): void;
}

/**
 * Starts a detached shell that waits for this process to exit and then lazily unmounts every
 * mount under `root`. Without it, a killed test run would leave bind mounts behind in the state
 * folder, which `rm -rf` cannot remove (EBUSY) and, for read-only ones, cannot even empty (EROFS).
 */
export function startMountWatchdog(root: string): MountWatchdog {
  if (!/^[\w./-]+$/.test(root)) throw new Error(`unexpected characters in mount root ${root}`);
  const script = [
    `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done`,
    `awk '{print $5}' /proc/self/mountinfo | grep '^${root}/' | sort -r | while read -r point; do umount -l "$point"; done`,
  ].join('; ');
  const child = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  child.unref();
  return {
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    },
  };
}
