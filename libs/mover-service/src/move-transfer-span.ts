// The span of one transfer: which node moved which volume's data, how many bytes, how fast. A
// failed transfer's exception is recorded on it; the job's consumer span is its parent, so it sits
// in the trace of the Backup or Restore that caused the job.
import { TraceAttribute, withSpan } from '@ferry/telemetry';
import type { MoveJob, MoveSummary } from './move-job-runner';

/** `transfer` in span `mover.transfer` (child of the job's consumer span) with the node, the volume's namespace, its bytes and the rate. */
export function tracedTransfer(
  job: MoveJob,
  nodeName: string,
  now: () => number,
  transfer: () => Promise<MoveSummary>,
): Promise<MoveSummary> {
  const attributes = {
    [TraceAttribute.NodeName]: nodeName,
    [TraceAttribute.NamespaceName]: job.repository.volumeNamespace,
    'ferry.move.direction': job.direction,
    'ferry.move.uploader': job.uploader,
    'ferry.move.operation': `${job.operation.kind}/${job.operation.namespace}/${job.operation.name}`,
  };
  return withSpan(
    'mover.transfer',
    async (span) => {
      const began = now();
      const summary = await transfer();
      const seconds = Math.max((now() - began) / 1000, 0.001);
      span.setAttributes({
        'ferry.move.bytes': summary.totalBytes,
        'ferry.move.bytes_per_second': Math.round(summary.totalBytes / seconds),
      });
      return summary;
    },
    { attributes },
  );
}
