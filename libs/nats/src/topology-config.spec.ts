import { createFerryContracts } from '@ferry/contracts';
import { consumerConfig, streamConfig } from './topology-config';

const contracts = createFerryContracts();

describe('topology-config - mapping definitions to server config', () => {
  it('maps a work-queue stream with durations in nanoseconds', () => {
    expect(streamConfig(contracts.streams.work)).toMatchObject({
      name: 'FERRY_WORK',
      subjects: ['ferry.job.>'],
      retention: 'workqueue',
      storage: 'file',
      max_age: 7 * 24 * 3600 * 1e9,
      duplicate_window: 120 * 1e9,
      num_replicas: 1,
    });
  });

  it('maps a per-node mover consumer with explicit acks and its concurrency cap', () => {
    expect(consumerConfig(contracts.consumers.mover('node-a', 4))).toMatchObject({
      durable_name: 'mover-jobs-node-a',
      ack_policy: 'explicit',
      deliver_policy: 'all',
      filter_subject: 'ferry.job.move.v1.node-a',
      max_ack_pending: 4,
      ack_wait: 60 * 1e9,
    });
  });

  it('uses filter_subjects when a consumer has several filters', () => {
    const config = consumerConfig(contracts.consumers.controllerEvents());
    expect(config.filter_subjects).toEqual(['ferry.event.expose.v1.result', 'ferry.event.move.v1.result.*.*']);
    expect(config.filter_subject).toBeUndefined();
  });
});
