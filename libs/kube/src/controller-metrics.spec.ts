import { MeterProvider, MetricReader, type HistogramMetricData, type MetricData } from '@opentelemetry/sdk-metrics';
import { createController } from './controller';
import { FakeClock } from './testing/fake-clock';

/** A reader a test collects from on demand. */
class TestReader extends MetricReader {
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
  async metric(name: string): Promise<MetricData | undefined> {
    const { resourceMetrics } = await this.collect();
    return resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics).find((m) => m.descriptor.name === name);
  }
}

describe('controller - metrics', () => {
  it('records reconcile time and outcomes per controller, and the queue depth while running', async () => {
    const reader = new TestReader();
    const meter = new MeterProvider({ readers: [reader] }).getMeter('test');
    const clock = new FakeClock();
    let calls = 0;
    const reconcile = async () => {
      calls++;
      await new Promise<void>((resolve) => clock.schedule(250, resolve));
      if (calls === 1) throw new Error('first fails');
      return calls === 2 ? { requeueAfterMs: 60_000 } : undefined;
    };
    const controller = createController({ name: 'backup', reconcile, clock, meter });
    controller.enqueue('velero/b1');
    controller.enqueue('velero/b2');
    controller.enqueue('velero/b3');
    controller.start();
    const depth = await reader.metric('workqueue_depth');
    expect(depth?.dataPoints.map((p) => [p.attributes, p.value])).toEqual([[{ name: 'backup' }, 2]]);
    await clock.advance(250);
    await clock.advance(250);
    await clock.advance(250);
    await clock.advance(250);
    const total = await reader.metric('controller_runtime_reconcile_total');
    expect(total?.dataPoints.map((p) => [p.attributes, p.value])).toEqual([
      [{ controller: 'backup', result: 'error' }, 1],
      [{ controller: 'backup', result: 'requeue_after' }, 1],
      // b3, and b1 again after its backoff.
      [{ controller: 'backup', result: 'success' }, 2],
    ]);
    const time = (await reader.metric('controller_runtime_reconcile_time_seconds')) as HistogramMetricData;
    expect(time.dataPoints[0]?.attributes).toEqual({ controller: 'backup' });
    expect(time.dataPoints[0]?.value.count).toBe(4);
    expect(time.dataPoints[0]?.value.min).toBe(0.25);
    // b2 waits for its requeue delay: not counted as depth.
    expect((await reader.metric('workqueue_depth'))?.dataPoints.map((p) => p.value)).toEqual([0]);
    await controller.stop(0);
  });
});
