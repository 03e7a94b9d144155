// Reads the API server's discovery into the form @ferry/backup's catalog takes: aggregated
// discovery (`apidiscovery.k8s.io/v2`, two requests) when the server offers it, else the classic
// documents (`/api`, `/api/<v>`, `/apis`, `/apis/<g>/<v>`, group versions fetched at most
// `parallel` at once).
import type { DiscoveredGroup, DiscoveredResource } from '@ferry/backup';
import type { ApiRequester } from '@ferry/kube';
import { mapWithLimit } from './bounded-pool';

const aggregatedAccept = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';

interface AggregatedResource {
  readonly resource: string;
  readonly responseKind?: { readonly kind?: string };
  readonly scope?: string;
  readonly singularResource?: string;
  readonly verbs?: readonly string[];
  readonly shortNames?: readonly string[];
}
interface AggregatedList {
  readonly kind?: string;
  readonly items?: readonly {
    readonly metadata?: { readonly name?: string };
    readonly versions?: readonly { readonly version: string; readonly resources?: readonly AggregatedResource[] }[];
  }[];
}

function fromAggregated(list: AggregatedList): DiscoveredGroup[] {
  return (list.items ?? []).map((item) => {
    const versions = (item.versions ?? []).map((version) => ({
      version: version.version,
      resources: (version.resources ?? []).map((resource) => ({
        name: resource.resource,
        singularName: resource.singularResource,
        namespaced: resource.scope === 'Namespaced',
        kind: resource.responseKind?.kind ?? '',
        verbs: resource.verbs,
        shortNames: resource.shortNames,
      })),
    }));
    // Aggregated discovery lists a group's versions in preference order.
    return { name: item.metadata?.name ?? '', preferredVersion: versions[0]?.version ?? '', versions };
  });
}

/** Every served group, core first, in the server's order; rejects when discovery cannot be read. */
export async function discoverApiGroups(requester: ApiRequester, parallel: number, signal?: AbortSignal): Promise<DiscoveredGroup[]> {
  const [core, groups] = await Promise.all([
    requester.request<AggregatedList>({ method: 'GET', path: '/api', accept: aggregatedAccept, signal }),
    requester.request<AggregatedList>({ method: 'GET', path: '/apis', accept: aggregatedAccept, signal }),
  ]);
  if (core.kind === 'APIGroupDiscoveryList' && groups.kind === 'APIGroupDiscoveryList') {
    return [...fromAggregated(core), ...fromAggregated(groups)];
  }
  return classicDiscovery(requester, parallel, signal);
}

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

/** The classic discovery documents; a document that cannot be read rejects (a backup would miss resources). */
async function classicDiscovery(requester: ApiRequester, parallel: number, signal?: AbortSignal): Promise<DiscoveredGroup[]> {
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
