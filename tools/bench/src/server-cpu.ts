// CPU time of the development environment's servers (the API server and etcd), read from /proc for
// the pids the environment started them with: on a machine whose cores a bench keeps busy, what the
// servers spent beside the client says where a window's wall time went.
import { readFile } from 'node:fs/promises';
import type { Environment } from '@ferry/devenv';

/** Kernel clock ticks per second (`getconf CLK_TCK`; 100 on Linux builds). */
const ticksPerSecond = 100;

/** CPU seconds (user + system) of the servers a bench reports; 0 where /proc cannot tell. */
export type ServerCpu = Record<'kube-apiserver' | 'etcd', number>;

async function cpuSecondsOf(pid: number | undefined): Promise<number> {
  if (pid === undefined) return 0;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? ticks / ticksPerSecond : 0;
}

async function readServerCpu(environment: Environment): Promise<ServerCpu> {
  return {
    'kube-apiserver': await cpuSecondsOf(environment.serverPid('kube-apiserver')),
    etcd: await cpuSecondsOf(environment.serverPid('etcd')),
  };
}

/** Runs `work` and answers its result with the CPU the servers used meanwhile. */
export async function withServerCpu<T>(environment: Environment, work: () => Promise<T>): Promise<{ result: T; servers: ServerCpu }> {
  const before = await readServerCpu(environment);
  const result = await work();
  const after = await readServerCpu(environment);
  return { result, servers: { 'kube-apiserver': after['kube-apiserver'] - before['kube-apiserver'], etcd: after.etcd - before.etcd } };
}
