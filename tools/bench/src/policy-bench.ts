// Policy planning at scale: one namespace with N PVCs, their PVs and N pods. Ferry plans the whole
// Backup with a constant number of list requests; the per-volume approach (Velero's: one PV GET and
// one namespace pod list per volume) is measured on a sample of volumes in the same run against the
// same API server and extrapolated linearly (running it for all 5,000 would take about an hour).
// Also the pure evaluation rate of the domain lib for a 20-rule document.
// Usage: tsx tools/bench/src/policy-bench.ts [--volumes 5000] [--sample 100] [--runs 3]
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startEnvironment, terminal } from '@ferry/devenv';
import { createKubeClient, type ApiRequester } from '@ferry/kube';
import { planBackup } from '@ferry/policy-service';
import {
  findClaimMounts,
  parseResourcePoliciesOrThrow,
  planBackupVolumes,
  shouldPerformSnapshot,
  type PersistentVolumeInput,
  type PodInput,
  type ResourcePolicies,
} from '@ferry/volume-policy';
import { seedBackup, seedVolumes, twentyRulePolicies } from './policy-bench-fixture';

interface ListOf<T> {
  readonly items: T[];
}

/** Velero's per-volume IO for one PVC: GET its PV, list the namespace's pods, then decide. */
async function decidePerVolume(
  api: ApiRequester,
  namespace: string,
  claimName: string,
  pvName: string,
  policies: ResourcePolicies,
): Promise<void> {
  const pv = await api.request<PersistentVolumeInput>({ method: 'GET', path: `/api/v1/persistentvolumes/${pvName}` });
  const pods = await api.request<ListOf<PodInput>>({ method: 'GET', path: `/api/v1/namespaces/${namespace}/pods` });
  shouldPerformSnapshot({
    policies,
    backup: { snapshotVolumes: undefined, defaultVolumesToFsBackup: false, pvcsExcludedByResourceFilter: false },
    subject: { kind: 'pv', pv },
    claimMounts: findClaimMounts(pods.items, namespace, claimName),
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Volumes per second of the pure planner over `volumes` synthetic volumes, 20 rules, ~2 s of work. */
function pureEvaluationRate(volumes: number): number {
  const policies = parseResourcePoliciesOrThrow(twentyRulePolicies());
  const persistentVolumes = Array.from({ length: volumes }, (_, i) => ({
    metadata: { name: `pv-${i}` },
    spec: {
      capacity: { storage: `${1 + (i % 50)}Gi` },
      storageClassName: 'standard',
      csi: { driver: 'hostpath.csi.ferry.dev', volumeHandle: `v${i}` },
      claimRef: { namespace: 'app', name: `data-${i}` },
    },
  }));
  const persistentVolumeClaims = persistentVolumes.map((_, i) => ({
    metadata: { name: `data-${i}`, namespace: 'app', labels: { app: `a${i % 10}` } },
    spec: { volumeName: `pv-${i}`, storageClassName: 'standard' },
    status: { phase: 'Bound' },
  }));
  const pods = persistentVolumes.map((_, i) => ({
    metadata: { name: `pod-${i}`, namespace: 'app' },
    spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: `data-${i}` } }] },
  }));
  const backup = { snapshotVolumes: undefined, defaultVolumesToFsBackup: false, pvcsExcludedByResourceFilter: false };
  let evaluated = 0;
  const begin = performance.now();
  while (performance.now() - begin < 2_000) {
    planBackupVolumes({ backup, policies, pods, persistentVolumeClaims, persistentVolumes });
    evaluated += volumes;
  }
  return evaluated / ((performance.now() - begin) / 1000);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      volumes: { type: 'string', default: '5000' },
      sample: { type: 'string', default: '100' },
      runs: { type: 'string', default: '3' },
    },
  });
  const [volumes, sample, runs] = [Number(values.volumes), Number(values.sample), Number(values.runs)];
  const environment = await startEnvironment({ nodeSimulator: false });
  try {
    const kube = createKubeClient({ kind: 'file', kubeconfigPath: environment.info.kubeconfigPath });
    const namespace = 'bench-volumes';
    let begin = performance.now();
    await seedVolumes(kube.requester, namespace, volumes);
    await seedBackup(kube.requester, 'velero', namespace, 'bench');
    terminal.print(
      `seeded ${volumes} PVs, ${volumes} bound PVCs and ${volumes} pods in ${((performance.now() - begin) / 1000).toFixed(1)} s`,
    );

    const ferryTimes: number[] = [];
    for (let run = 1; run <= runs; run++) {
      begin = performance.now();
      const plan = await planBackup(kube, { namespace: 'velero', name: 'bench' }, { serviceNamespace: 'velero' });
      const seconds = (performance.now() - begin) / 1000;
      ferryTimes.push(seconds);
      terminal.print(
        `ferry plan run ${run}: ${seconds.toFixed(2)} s, ${plan.stats.apiRequests} API requests (${JSON.stringify(plan.stats.requestsByResource)}), ${plan.entries.length} decisions`,
      );
    }

    const policies = parseResourcePoliciesOrThrow(twentyRulePolicies());
    const claims = Array.from({ length: sample }, (_, i) => Math.floor((i * volumes) / sample));
    begin = performance.now();
    for (const i of claims) await decidePerVolume(kube.requester, namespace, `data-${i}`, `pv-${namespace}-${i}`, policies);
    const sampleSeconds = (performance.now() - begin) / 1000;
    const perVolumeSeconds = (sampleSeconds / sample) * volumes;
    const ferrySeconds = median(ferryTimes);
    terminal.print(
      `per-volume approach: ${sample} volumes measured in ${sampleSeconds.toFixed(1)} s (${2 * sample} requests) -> ${volumes} volumes ≈ ${perVolumeSeconds.toFixed(0)} s, ${2 * volumes} requests`,
    );
    terminal.print(
      `ferry plan (median of ${runs}): ${ferrySeconds.toFixed(2)} s -> ${(perVolumeSeconds / ferrySeconds).toFixed(0)}x faster than per-volume (goal: >= 50x; requests independent of volumes)`,
    );
  } finally {
    await environment.stop();
  }
  terminal.print(
    `pure evaluation (20-rule document, ${volumes} volumes per plan): ${Math.round(pureEvaluationRate(volumes)).toLocaleString('en')} volumes/s`,
  );
}

main().catch(terminal.fail);
