// Watchdog of one development environment: when the process that started it dies without
// stopping it (a killed test run, a crash), kill the servers listed in its pids file.
// Usage: node reaper.js <ownerPid> <pidsFile>. Exits once the pids file is gone (clean stop).
'use strict';
const { readFileSync, existsSync } = require('node:fs');

const [ownerPid, pidsFile] = [Number(process.argv[2]), process.argv[3]];

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const timer = setInterval(() => {
  if (!existsSync(pidsFile)) return process.exit(0);
  if (alive(ownerPid)) return;
  const entries = JSON.parse(readFileSync(pidsFile, 'utf8'));
  for (const { pid } of entries) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  clearInterval(timer);
}, 500);
