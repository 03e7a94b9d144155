// A failed volume in the Backup's trace, read back from the environment's real Jaeger: the
// repository password Secret is empty, so the mover fails both the data-moved claim's DataUpload
// and the fs-backup volume's PodVolumeBackup (MOVER_SECRET_INVALID, not retryable) and the Backup
// ends PartiallyFailed. Each failed volume shows as error spans — the mover's transfer and the
// controller's end of the resource — with an exception event naming the cause and the
// Kubernetes/Velero attributes of the volume, inside the one trace of the Backup. Then a Restore
// of that backup whose bucket cannot be opened (the location's credential Secret is gone) fails,
// and the failed open is an error span in the Restore's own trace.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VeleroObjectName } from '@ferry/api';
import { findTraceIds, startApplicationHarness, type ApplicationHarness, type TracedSpan } from '@ferry/devenv/testing';
import { ancestry, moveAndFsPolicyDocument as policyDocument, orphansOf, settledTrace, traceIdOf } from './trace-support';

const emptyPassword = `Secret %s/${VeleroObjectName.RepositoryCredentialsSecret} key ${VeleroObjectName.RepositoryPasswordKey} is empty`;

const errorTags = { 'otel.status_code': 'ERROR', error: true };

describe('backup trace - a failed volume is an error span with its cause and attributes', () => {
  let h: ApplicationHarness;
  let spans: TracedSpan[];
  let backupUid = '';

  beforeAll(async () => {
    h = await startApplicationHarness('failtrace');
    await h.filledClaim('moved', { protect: 'move' });
    await h.filledClaim('files', { protect: 'fs' });
    await h.appPod('app', 'files');
    await h.kube.core.createNamespacedConfigMap({
      namespace: h.namespace,
      body: { metadata: { name: 'volume-policy' }, data: { 'policy.yaml': policyDocument } },
    });
    // The controller only creates the Secret when it is missing: the movers find no password.
    await h.kube.core.createNamespacedSecret({
      namespace: h.namespace,
      body: {
        metadata: { name: VeleroObjectName.RepositoryCredentialsSecret },
        stringData: { [VeleroObjectName.RepositoryPasswordKey]: '' },
      },
    });
    await h.createBackup('failing', {
      includedNamespaces: [h.appNamespace],
      snapshotMoveData: true,
      resourcePolicy: { kind: 'configmap', name: 'volume-policy' },
    });
    const backup = await h.backupIn('failing', ['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation']);
    expect(backup.status?.phase).toBe('PartiallyFailed');
    backupUid = backup.metadata.uid ?? '';
    spans = await settledTrace(h, traceIdOf(backup.metadata.annotations?.['ferry.io/traceparent']), [
      'dataupload.end',
      'podvolumebackup.end',
      'backup.finalize',
      'mover.transfer',
    ]);
  }, 600_000);

  afterAll(async () => {
    await h?.close();
  }, 120_000);

  const one = (name: string): TracedSpan => {
    const matching = spans.filter((span) => span.name === name);
    expect(matching.map((span) => span.name)).toEqual([name]);
    return matching[0]!;
  };
  const exceptionMessages = (span: TracedSpan): unknown[] =>
    span.events.filter((event) => event.name === 'exception').map((event) => event.attributes['exception.message']);

  it("the controller ends the claim's DataUpload with an error span under the claim's snapshot step", () => {
    const end = one('dataupload.end');
    const message = emptyPassword.replace('%s', h.namespace);
    expect(end.tags).toMatchObject({
      ...errorTags,
      'error.type': 'DataUploadFailed',
      'velero.phase': 'Failed',
      'velero.backup.name': 'failing',
      'k8s.namespace.name': h.appNamespace,
      'k8s.pvc.name': 'moved',
      'k8s.node.name': expect.any(String) as unknown,
    });
    expect(exceptionMessages(end)).toEqual([expect.stringContaining(message)]);
    expect(ancestry(spans, end).map((s) => s.name)).toEqual(expect.arrayContaining(['backup.volume.snapshot', 'backup.volumes', 'backup']));
    const snapshot = spans.find((span) => span.spanId === end.parentId);
    expect(snapshot?.tags).toMatchObject({ 'k8s.pvc.name': 'moved', 'velero.backup.name': 'failing', 'velero.backup.uid': backupUid });
  });

  it("the controller ends the fs-backup volume's PodVolumeBackup with an error span naming the pod volume", () => {
    const end = one('podvolumebackup.end');
    expect(end.tags).toMatchObject({
      ...errorTags,
      'error.type': 'PodVolumeBackupFailed',
      'velero.backup.name': 'failing',
      'k8s.namespace.name': h.appNamespace,
      'k8s.pod.name': 'app',
      'k8s.volume.name': 'data',
      'k8s.node.name': expect.any(String) as unknown,
    });
    expect(exceptionMessages(end)).toEqual([expect.stringContaining(emptyPassword.replace('%s', h.namespace))]);
    expect(ancestry(spans, end).map((s) => s.name)).toContain('backup.volumes');
  });

  it("each mover's transfer is an error span with the mover's error code, node and volume namespace", () => {
    const transfers = spans.filter((span) => span.name === 'mover.transfer');
    expect(transfers.map((span) => String(span.tags['ferry.move.operation']).split('/')[0]).sort()).toEqual([
      'DataUpload',
      'PodVolumeBackup',
    ]);
    for (const transfer of transfers) {
      expect(transfer.service).toBe('ferry-mover');
      expect(transfer.tags).toMatchObject({
        ...errorTags,
        'error.type': 'MOVER_SECRET_INVALID',
        'k8s.namespace.name': h.appNamespace,
        'k8s.node.name': expect.any(String) as unknown,
      });
      expect(exceptionMessages(transfer)).toEqual([expect.stringContaining('is empty')]);
    }
  });

  it('the log lines the controller, exposer and mover wrote for the Backup carry its trace_id and a span_id of its trace', async () => {
    const traceId = spans[0]?.traceId;
    const spanIds = new Set(spans.map((span) => span.spanId));
    const correlated = new Map<string, number>();
    for (const { name } of h.serviceUrls()) {
      const app = /-(controller|exposer|mover|policy)(-|$)/.exec(name)?.[1] ?? name;
      const lines = (await readFile(join(h.info.stateDir, `${name}.log`), 'utf8')).split('\n');
      const records = lines.flatMap((line) => (line.startsWith('{') ? [JSON.parse(line) as Record<string, unknown>] : []));
      const inTrace = records.filter((r) => r['trace_id'] === traceId && spanIds.has(String(r['span_id'])));
      correlated.set(app, (correlated.get(app) ?? 0) + inTrace.length);
    }
    // The policy service logs nothing per evaluation at the default level.
    expect(['controller', 'exposer', 'mover'].filter((app) => (correlated.get(app) ?? 0) === 0)).toEqual([]);
  });

  it('the failures stay inside the one trace of the Backup: one root, no orphan, found once by the Backup’s uid', async () => {
    expect(orphansOf(spans).map((span) => span.name)).toEqual([]);
    expect(spans.filter((span) => span.parentId === undefined).map((span) => span.name)).toEqual(['backup']);
    expect(await findTraceIds(h.info.jaeger, 'ferry-controller', { 'velero.backup.uid': backupUid })).toEqual([spans[0]?.traceId]);
  });

  it('a Restore whose bucket cannot be opened fails, and the failed open is an error span under the Restore’s root', async () => {
    await h.kube.core.deleteNamespacedSecret({ namespace: h.namespace, name: 'default-credentials' });
    const restore = await h.restoreUntil('unopened', { backupName: 'failing' }, ['Failed', 'Completed', 'PartiallyFailed']);
    expect(restore.status?.failureReason).toMatch(/default-credentials/);
    const restoreSpans = await settledTrace(h, traceIdOf(restore.metadata?.annotations?.['ferry.io/traceparent']), [
      'restore.location.open',
    ]);
    const open = restoreSpans.find((span) => span.name === 'restore.location.open');
    expect(open?.tags).toMatchObject({ ...errorTags, 'velero.restore.name': 'unopened' });
    expect(exceptionMessages(open!)).toEqual([restore.status?.failureReason]);
    expect(ancestry(restoreSpans, open!).map((s) => s.name)).toEqual(['restore.location.open', 'restore']);
  });
});
