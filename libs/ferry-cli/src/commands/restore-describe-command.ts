// `ferry restore describe NAME [--details]`: reads the Restore, its PodVolumeRestores and
// DataDownloads (by `velero.io/restore-name`), fetches the documents Velero's describer fetches
// through DownloadRequests, and prints Velero's text plus Ferry's rate section.
import {
  DownloadTargetKind,
  VeleroLabel,
  type DataDownload,
  type PodVolumeRestore,
  type Restore,
  type RestoreVolumeInfo,
} from '@ferry/api';
import { veleroLabelValue } from '@ferry/backup';
import { describeRestore, restoreDocumentKinds, type RestoreDocuments } from '../describe/restore-describer';
import type { ItemOperation } from '../describe/shared-sections';
import type { VolumeTransfer } from '../describe/transfer-sections';
import type { Downloader } from '../velero/download-request-client';
import { backupLocationCaCert } from '../velero/download-trust';
import { fetchResults } from './backup-describe-command';
import { traceOf, type DescribeKind } from './describe-command';
import { flaggedDownloader } from './download-flags';

async function fetchDocuments(
  downloader: Downloader,
  namespace: string,
  name: string,
  kinds: readonly DownloadTargetKind[],
): Promise<RestoreDocuments> {
  const target = (kind: DownloadTargetKind) => ({ namespace, name, kind });
  const documents: { -readonly [K in keyof RestoreDocuments]: RestoreDocuments[K] } = {};
  for (const kind of kinds) {
    if (kind === DownloadTargetKind.RestoreResults) documents.results = await fetchResults(downloader, namespace, name, kind);
    if (kind === DownloadTargetKind.RestoreVolumeInfo) documents.volumeInfo = await downloader.json<RestoreVolumeInfo[]>(target(kind));
    if (kind === DownloadTargetKind.RestoreItemOperations) documents.itemOperations = await downloader.json<ItemOperation[]>(target(kind));
    if (kind === DownloadTargetKind.RestoreResourceList)
      documents.resourceList = await downloader.json<Record<string, string[]>>(target(kind));
  }
  return documents;
}

function downloadTransfer(dd: DataDownload): VolumeTransfer {
  return {
    name: `${dd.spec?.targetVolume?.namespace ?? ''}/${dd.spec?.targetVolume?.pvc ?? ''}`,
    kind: 'data movement',
    phase: dd.status?.phase,
    progress: dd.status?.progress,
    startTimestamp: dd.status?.startTimestamp ?? undefined,
    completionTimestamp: dd.status?.completionTimestamp ?? undefined,
  };
}

function podVolumeTransfer(pvr: PodVolumeRestore): VolumeTransfer {
  return {
    name: `${pvr.spec?.pod?.namespace ?? ''}/${pvr.spec?.pod?.name ?? ''}/${pvr.spec?.volume ?? ''}`,
    kind: 'fs-restore',
    phase: pvr.status?.phase,
    progress: pvr.status?.progress,
    startTimestamp: pvr.status?.startTimestamp ?? undefined,
    completionTimestamp: pvr.status?.completionTimestamp ?? undefined,
  };
}

/** `restore describe`: Velero's text of each Restore, with Ferry's rate and trace lines. */
export const restoreDescribeKind: DescribeKind<Restore> = {
  kind: 'Restore',
  detailed: true,
  reader: (resources) => resources.restores,
  describe: async (restore, { io, resources, options, nowMs }) => {
    const name = restore.metadata?.name ?? '';
    const namespace = restore.metadata?.namespace ?? options.namespace;
    const details = options.details === true;
    const downloader = await flaggedDownloader(io, resources, options, () =>
      backupLocationCaCert(resources, namespace, restore.spec?.backupName ?? undefined),
    );
    const selector = { labelSelector: `${VeleroLabel.RestoreName}=${veleroLabelValue(name)}` };
    const [podVolumeRestores, dataDownloads, documents] = await Promise.all([
      resources.podVolumeRestores.list(namespace, selector),
      resources.dataDownloads.list(namespace, selector),
      fetchDocuments(downloader, namespace, name, restoreDocumentKinds(restore, details)),
    ]);
    const transfers = [...dataDownloads.map(downloadTransfer), ...podVolumeRestores.map(podVolumeTransfer)];
    const trace = traceOf(restore, options);
    return describeRestore({ restore, podVolumeRestores, transfers, details, documents, nowMs, trace });
  },
};
