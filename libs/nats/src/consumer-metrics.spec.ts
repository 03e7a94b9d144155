import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { createDeliveryCounter } from './consumer-metrics';

class TestReader extends MetricReader {
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

describe('consumer metrics - deliveries', () => {
  it('counts every delivery and, apart, the redeliveries, by stream and consumer', async () => {
    const reader = new TestReader();
    const counter = createDeliveryCounter('FERRY_JOBS', 'mover-n1', new MeterProvider({ readers: [reader] }).getMeter('test'));
    for (const deliveryCount of [1, 1, 2, 3, 1]) counter.delivered(deliveryCount);
    const { resourceMetrics } = await reader.collect();
    const values = Object.fromEntries(
      resourceMetrics.scopeMetrics
        .flatMap((s) => s.metrics)
        .map((m) => [m.descriptor.name, m.dataPoints.map((p) => [p.attributes, p.value])]),
    );
    expect(values).toEqual({
      ferry_nats_deliveries_total: [[{ stream: 'FERRY_JOBS', consumer: 'mover-n1' }, 5]],
      ferry_nats_redeliveries_total: [[{ stream: 'FERRY_JOBS', consumer: 'mover-n1' }, 2]],
    });
  });
});
