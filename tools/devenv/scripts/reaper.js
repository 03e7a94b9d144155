// Watchdog of one development environment: when the process that started it dies without
// stopping it (a killed test run, a crash), kill the servers listed in its pids file and lazily
// unmount the node simulator's bind mounts under the state folder (else `rm -rf` fails with
// EBUSY, or EROFS for read-only volumes).
//   node reaper.js <ownerPid> <pidsFile>   watch; exits once the pids file is gone (clean stop)
//   node reaper.js --now <pidsFile>        clean up at once (used by `devenv down`)
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, readFileSync } = require('node:fs');
const { dirname } = require('node:path');

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function cleanUp(pidsFile) {
  const entries = existsSync(pidsFile) ? JSON.parse(readFileSync(pidsFile, 'utf8')) : [];
  for (const { pid } of entries) {
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  const stateDir = `${dirname(pidsFile)}/`;
  const mountPoints = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((point) => point && point.startsWith(stateDir))
    .sort()
    .reverse();
  for (const point of mountPoints) execFileSync('umount', ['-l', point]);
}

const [first, second] = process.argv.slice(2);
if (first === '--now') {
  cleanUp(second);
} else {
  const [ownerPid, pidsFile] = [Number(first), second];
  const timer = setInterval(() => {
    if (!existsSync(pidsFile)) return process.exit(0);
    if (alive(ownerPid)) return;
    clearInterval(timer);
    cleanUp(pidsFile);
  }, 500);
}
