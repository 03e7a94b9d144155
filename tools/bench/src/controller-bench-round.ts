// One measured round of the controller bench: create DataUploads of already seeded volumes at
// once, wait until every one is Completed and its move result read, and return the figures with
// the machine's load over the round (load average and CPU busy share from os.cpus()).
import { cpus, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { dataUploadDefinition, type DataUpload } from '@ferry/api';
import { createCustomResourceClient, type KubeClient } from '@ferry/kube';
import { withTraceAnnotations } from '@ferry/telemetry';
import type { ControllerBenchProbe } from './controller-bench-probe';
import { roundFigures, type RoundFigures } from './controller-bench-stages';

/** Where a round's DataUploads come from. */
export interface RoundSetup {
  readonly kube: KubeClient;
  readonly probe: ControllerBenchProbe;
  /** Where the DataUploads go (Velero's namespace). */
  readonly namespace: string;
  /** The seeded volumes' namespace; volume `i` is claim `src-i` with VolumeSnapshot `snap-i`. */
  readonly appNamespace: string;
  /** Runs one DataUpload's creation (in a span when tracing is on); the DataUpload carries the active trace context. */
  readonly traced: <T>(create: () => Promise<T>) => Promise<T>;
}

/** A round's figures and the machine's load while it ran. */
export interface RoundResult {
  readonly figures: RoundFigures;
  /** 1-minute load average at the start and at the end. */
  readonly load: readonly [number, number];
  /** Share of all CPUs busy over the round (0–1). */
  readonly cpuBusy: number;
}

function cpuTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const cpu of cpus()) {
    const { user, nice, sys, idle, irq } = cpu.times;
    busy += user + nice + sys + irq;
    total += user + nice + sys + idle + irq;
  }
  return { busy, total };
}

/**
 * Creates DataUpload `<prefix>-<i>` for every volume index at once and resolves once all are
 * Completed with a move result seen; rejects after `timeoutMs` (a Failed one is reported by the
 * probe's handler and never completes, so the round times out naming how many are missing).
 */
export async function runRound(setup: RoundSetup, prefix: string, volumes: readonly number[], timeoutMs = 1_800_000): Promise<RoundResult> {
  const uploads = createCustomResourceClient<DataUpload>(setup.kube, dataUploadDefinition);
  const names = volumes.map((i) => `${prefix}-${i}`);
  const load0 = loadavg()[0] ?? 0;
  const cpu0 = cpuTimes();
  const started = Date.now();
  await Promise.all(
    volumes.map(async (i, k) => {
      const name = names[k] ?? '';
      setup.probe.timeline(name).created = Date.now();
      await setup.traced(() =>
        uploads.create(
          withTraceAnnotations<DataUpload>({
            apiVersion: 'velero.io/v2alpha1',
            kind: 'DataUpload',
            metadata: { name, namespace: setup.namespace },
            spec: {
              snapshotType: 'CSI',
              csiSnapshot: { volumeSnapshot: `snap-${i}`, storageClass: 'standard', snapshotClass: 'ferry-snapclass' },
              sourcePVC: `src-${i}`,
              sourceNamespace: setup.appNamespace,
              backupStorageLocation: 'default',
              operationTimeout: '10m',
            },
          }),
        ),
      );
    }),
  );
  const done = (name: string): boolean => {
    const t = setup.probe.timeline(name);
    return t.completed !== undefined && t.moveCompleted !== undefined;
  };
  const deadline = started + timeoutMs;
  while (!names.every(done)) {
    if (Date.now() > deadline)
      throw new Error(
        `round ${prefix}: ${names.filter((n) => !done(n)).length} of ${names.length} DataUploads not Completed after ${timeoutMs} ms`,
      );
    await sleep(50);
  }
  const wallMs = Math.max(...names.map((n) => setup.probe.timeline(n).completed ?? 0)) - started;
  const cpu1 = cpuTimes();
  // Late writes (finalizer removal after Completed) still count; give the watch a moment.
  await sleep(1500);
  return {
    figures: roundFigures(
      names.map((n) => setup.probe.timeline(n)),
      names.map((n) => setup.probe.writes(n)),
      wallMs,
    ),
    load: [load0, loadavg()[0] ?? 0],
    cpuBusy: (cpu1.busy - cpu0.busy) / Math.max(1, cpu1.total - cpu0.total),
  };
}

/** Merges sequential single-volume rounds into one (their timelines pooled). */
export function poolRounds(setup: RoundSetup, prefix: string, volumes: readonly number[], results: readonly RoundResult[]): RoundResult {
  const names = volumes.map((i) => `${prefix}-${i}`);
  return {
    figures: roundFigures(
      names.map((n) => setup.probe.timeline(n)),
      names.map((n) => setup.probe.writes(n)),
      Math.max(...results.map((r) => r.figures.wallMs)),
    ),
    load: [results[0]?.load[0] ?? 0, results.at(-1)?.load[1] ?? 0],
    cpuBusy: results.reduce((sum, r) => sum + r.cpuBusy, 0) / Math.max(1, results.length),
  };
}
