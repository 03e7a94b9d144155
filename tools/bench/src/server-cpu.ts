// CPU time of the development environment's servers (the API server and etcd), read from /proc for
// the pids its run registry lists in `<stateDir>/pids.json`: on a machine whose cores a bench keeps
// busy, what the servers spent beside the client says where a window's wall time went.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Kernel clock ticks per second (`getconf CLK_TCK`; 100 on Linux builds). */
const ticksPerSecond = 100;

/** The servers whose CPU a bench reports. */
export const measuredServers = ['kube-apiserver', 'etcd'] as const;
export type MeasuredServer = (typeof measuredServers)[number];

/** CPU seconds (user + system) each server has used since it started; 0 where /proc cannot tell. */
export type ServerCpu = Record<MeasuredServer, number>;

async function cpuSecondsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? ticks / ticksPerSecond : 0;
}

/** Reads the servers' CPU seconds now. */
export async function readServerCpu(stateDir: string): Promise<ServerCpu> {
  const entries = JSON.parse(await readFile(join(stateDir, 'pids.json'), 'utf8').catch(() => '[]')) as { name: string; pid: number }[];
  const cpu: ServerCpu = { 'kube-apiserver': 0, etcd: 0 };
  for (const server of measuredServers) {
    // A supervised server restarted leaves its older pids in the list: the newest is the running one.
    const pid = entries.filter((entry) => entry.name === server).at(-1)?.pid;
    if (pid !== undefined) cpu[server] = await cpuSecondsOf(pid);
  }
  return cpu;
}

/** What the servers used between two readings. */
export function serverCpuBetween(before: ServerCpu, after: ServerCpu): ServerCpu {
  return { 'kube-apiserver': after['kube-apiserver'] - before['kube-apiserver'], etcd: after.etcd - before.etcd };
}
