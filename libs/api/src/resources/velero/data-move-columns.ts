import type { PrinterColumn } from '../resource-definition';

/** Options of {@link dataMoveColumns}: the columns that differ between the four kinds upstream. */
export interface DataMoveColumnOptions {
  /**
   * `backup` kinds (DataUpload, PodVolumeBackup) also show `.status.incrementalBytes` (priority 10);
   * the two directions describe the storage location differently.
   */
  readonly direction: 'backup' | 'restore';
  /** PodVolumeBackup calls it `Uploader`, PodVolumeRestore `Uploader Type`; the data movers have none. */
  readonly uploaderColumn?: 'Uploader' | 'Uploader Type';
}

/**
 * The printer columns Velero's CRDs give DataUpload, DataDownload, PodVolumeBackup and
 * PodVolumeRestore: phase, start, byte progress, storage location, age and node, with the kind's
 * name in the descriptions exactly as upstream writes them. Pure.
 */
export function dataMoveColumns(kind: string, options: DataMoveColumnOptions): PrinterColumn[] {
  return [
    { description: `${kind} status such as New/InProgress`, jsonPath: '.status.phase', name: 'Status', type: 'string' },
    { description: `Time duration since this ${kind} was started`, jsonPath: '.status.startTimestamp', name: 'Started', type: 'date' },
    { description: 'Completed bytes', format: 'int64', jsonPath: '.status.progress.bytesDone', name: 'Bytes Done', type: 'integer' },
    { description: 'Total bytes', format: 'int64', jsonPath: '.status.progress.totalBytes', name: 'Total Bytes', type: 'integer' },
    ...(options.direction === 'backup'
      ? [
          {
            description: 'Incremental bytes',
            format: 'int64',
            jsonPath: '.status.incrementalBytes',
            name: 'Incremental Bytes',
            priority: 10,
            type: 'integer',
          } as const,
        ]
      : []),
    {
      description: `Name of the Backup Storage Location where ${options.direction === 'backup' ? 'this backup should be stored' : 'the backup data is stored'}`,
      jsonPath: '.spec.backupStorageLocation',
      name: 'Storage Location',
      type: 'string',
    },
    { description: `Time duration since this ${kind} was created`, jsonPath: '.metadata.creationTimestamp', name: 'Age', type: 'date' },
    { description: `Name of the node where the ${kind} is processed`, jsonPath: '.status.node', name: 'Node', type: 'string' },
    ...(options.uploaderColumn
      ? [
          {
            description: 'The type of the uploader to handle data transfer',
            jsonPath: '.spec.uploaderType',
            name: options.uploaderColumn,
            type: 'string',
          } as const,
        ]
      : []),
  ];
}
