// Velero's restore progress arithmetic (reference §8; pkg/restore/restore.go execute and
// processSelectedResource): itemsRestored is the number of restored items (namespaces it created
// and additional items included), totalItems = restored + (known total − processed), so the total
// grows when items are added; namespace items of the backup are counted in the total but never
// processed; CRDs are a separate pass without updates; at the end both are the restored count.

/** `status.progress` of a Restore. */
export interface RestoreProgress {
  readonly totalItems: number;
  readonly itemsRestored: number;
}

/** The kind of a restored item's outcome in the restored resource list. */
export const ItemRestoreResult = { Created: 'created', Updated: 'updated', Failed: 'failed', Skipped: 'skipped' } as const;
/** One of {@link ItemRestoreResult}. */
export type ItemRestoreResult = (typeof ItemRestoreResult)[keyof typeof ItemRestoreResult];

/** One pass of the restore (the CRD pass or the main pass): Velero's processed and total counters. */
export class RestorePassCounter {
  private processed = 0;

  /** `knownTotal`: the selected items of the pass. */
  constructor(private readonly knownTotal: number) {}

  /** Counts one processed item; answers the progress given `restoredCount` (the restored items so far). */
  processedOne(restoredCount: number): RestoreProgress {
    this.processed++;
    return { totalItems: restoredCount + (this.knownTotal - this.processed), itemsRestored: restoredCount };
  }
}

/** The progress patched once more at the end: both counters at the restored count. Pure. */
export function finalRestoreProgress(restoredCount: number): RestoreProgress {
  return { totalItems: restoredCount, itemsRestored: restoredCount };
}
