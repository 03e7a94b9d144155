// Reads the API server's discovery documents (`/api`, `/api/<v>`, `/apis`, `/apis/<g>/<v>`) into the
// form @ferry/backup's catalog takes. Group versions are fetched concurrently (at most `parallel`).
import type { DiscoveredGroup, DiscoveredResource } from '@ferry/backup';
import type { ApiRequester } from '@ferry/kube';
import { mapWithLimit } from './bounded-pool';

interface GroupVersionRef {
  readonly groupVersion: string;
  readonly version: string;
}
interface ApiGroupJson {
  readonly name: string;
  readonly versions: readonly GroupVersionRef[];
  readonly preferredVersion?: GroupVersionRef;
}
interface ResourceListJson {
  readonly resources?: readonly DiscoveredResource[];
}

/**
 * Every served group with each version's resources, core first, in the server's order. Rejects
 * (with the API error) when a document cannot be read: a backup without complete discovery
 * would silently miss resources.
 */
export async function discoverApiGroups(requester: ApiRequester, parallel: number, signal?: AbortSignal): Promise<DiscoveredGroup[]> {
  const [core, groups] = await Promise.all([
    requester.request<{ versions: string[] }>({ method: 'GET', path: '/api', signal }),
    requester.request<{ groups: ApiGroupJson[] }>({ method: 'GET', path: '/apis', signal }),
  ]);
  const all: ApiGroupJson[] = [
    {
      name: '',
      versions: core.versions.map((version) => ({ groupVersion: version, version })),
      preferredVersion: { groupVersion: 'v1', version: core.versions[0] ?? 'v1' },
    },
    ...groups.groups,
  ];
  const versions = all.flatMap((group) => group.versions.map((version) => ({ group, version })));
  const lists = await mapWithLimit(versions, parallel, ({ group, version }) =>
    requester.request<ResourceListJson>({
      method: 'GET',
      path: group.name === '' ? `/api/${version.version}` : `/apis/${version.groupVersion}`,
      signal,
    }),
  );
  let index = 0;
  return all.map((group) => ({
    name: group.name,
    preferredVersion: group.preferredVersion?.version ?? group.versions[0]?.version ?? '',
    versions: group.versions.map((version) => ({ version: version.version, resources: lists[index++]?.resources ?? [] })),
  }));
}
