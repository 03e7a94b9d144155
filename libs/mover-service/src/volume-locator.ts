// Finds a job's volume on this node the way a kubelet lays it out:
// `<root>/pods/<podUid>/volumes/<plugin>/<volumeDir>`, plus `/mount` for CSI volumes.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MoverServiceError, MoverServiceErrorCode } from './errors';

/** What a volume plugin folder holds for the job's volume name. */
export interface VolumeCandidate {
  /** The plugin folder (`kubernetes.io~csi`, `kubernetes.io~empty-dir`, …). */
  readonly plugin: string;
  /** True when `<plugin>/<volumeDir>/mount` is a folder (CSI mounts the data there). */
  readonly hasMount: boolean;
}

function safeSegment(value: string, what: string): string {
  if (!value || value === '.' || value === '..' || value.includes('/') || value.includes('\0')) {
    throw new MoverServiceError(MoverServiceErrorCode.VolumeNotFound, `${what} ${JSON.stringify(value)} is not a single path element`);
  }
  return value;
}

/** `<root>/pods/<podUid>/volumes`, the folder searched. Throws `MOVER_VOLUME_NOT_FOUND` for a uid or name that is not one path element. */
export function podVolumesDirectory(kubeletRoot: string, podUid: string): string {
  return join(kubeletRoot, 'pods', safeSegment(podUid, 'pod UID'), 'volumes');
}

/**
 * Picks the volume's data folder among the plugin folders holding `volumeDir`. Pure. No
 * candidate → `MOVER_VOLUME_NOT_FOUND` naming the pattern searched (not retryable: the exposer
 * reports a pod as running only after its volumes are mounted, so a missing folder means a wrong
 * pod UID, volume or node, which a retry would not fix); several → `MOVER_VOLUME_AMBIGUOUS`.
 */
export function selectVolumePath(volumesDir: string, volumeDir: string, candidates: readonly VolumeCandidate[]): string {
  safeSegment(volumeDir, 'volume folder');
  if (candidates.length === 0) {
    throw new MoverServiceError(
      MoverServiceErrorCode.VolumeNotFound,
      `volume ${volumeDir} is not on this node: nothing matches ${join(volumesDir, '*', volumeDir)}; check the job's pod UID, volume and node`,
    );
  }
  if (candidates.length > 1) {
    throw new MoverServiceError(
      MoverServiceErrorCode.VolumeAmbiguous,
      `volume ${volumeDir} is ambiguous: ${candidates.map((c) => join(volumesDir, c.plugin, volumeDir)).join(', ')} all exist`,
    );
  }
  const [only] = candidates as [VolumeCandidate];
  const base = join(volumesDir, only.plugin, volumeDir);
  return only.hasMount ? join(base, 'mount') : base;
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/**
 * The absolute data folder of the job's volume under `kubeletRoot` (see {@link selectVolumePath}
 * for the errors). Reads the folders only; follows no symlink out of the pod's folder.
 */
export async function locateVolume(kubeletRoot: string, podUid: string, volumeDir: string): Promise<string> {
  const volumesDir = podVolumesDirectory(kubeletRoot, podUid);
  const plugins = await readdir(volumesDir, { withFileTypes: true }).catch(() => []);
  const candidates: VolumeCandidate[] = [];
  for (const plugin of plugins) {
    if (!plugin.isDirectory()) continue;
    const base = join(volumesDir, plugin.name, safeSegment(volumeDir, 'volume folder'));
    // Only CSI volumes keep their data in `mount`; an emptyDir may hold a user folder of that name.
    if (await isDirectory(base))
      candidates.push({ plugin: plugin.name, hasMount: plugin.name.endsWith('~csi') && (await isDirectory(join(base, 'mount'))) });
  }
  return selectVolumePath(volumesDir, volumeDir, candidates);
}
