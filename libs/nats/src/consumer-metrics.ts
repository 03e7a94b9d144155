// JetStream deliveries as metrics: every delivery a durable consumer hands to Ferry, and the
// redeliveries among them (a handler that failed or was too slow, a process that died holding the
// message). Recorded through `@opentelemetry/api` only: the app's provider exports them.
import { metrics, type Meter } from '@opentelemetry/api';

/** Counts the deliveries of one consumer. */
export interface DeliveryCounter {
  /** One delivery; `deliveryCount` is JetStream's (1 = first delivery). */
  delivered(deliveryCount: number): void;
}

/**
 * `ferry_nats_deliveries_total{stream,consumer}` and `ferry_nats_redeliveries_total{stream,consumer}`
 * (deliveries whose count is above 1) on `meter` (default: the global provider's, looked up now). Never throws.
 */
export function createDeliveryCounter(stream: string, consumer: string, meter: Meter = metrics.getMeter('@ferry/nats')): DeliveryCounter {
  const deliveries = meter.createCounter('ferry_nats_deliveries_total', { description: 'JetStream messages delivered to a consumer' });
  const redeliveries = meter.createCounter('ferry_nats_redeliveries_total', {
    description: 'JetStream messages delivered again to a consumer (not acknowledged in time, or negatively acknowledged)',
  });
  const labels = { stream, consumer };
  return {
    delivered(deliveryCount) {
      deliveries.add(1, labels);
      if (deliveryCount > 1) redeliveries.add(1, labels);
    },
  };
}
