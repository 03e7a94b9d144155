import { meterMove, type MoverMetrics } from './move-metrics';

describe('move metrics - one move', () => {
  function recording(): MoverMetrics & { calls: string[] } {
    const calls: string[] = [];
    return {
      calls,
      bytesMoved: (node, op, bytes) => calls.push(`bytes ${node} ${op} ${bytes}`),
      moveThroughput: (node, op, rate) => calls.push(`rate ${node} ${op} ${rate}`),
    };
  }

  it('records the growth of the byte counter and the average rate at completion', () => {
    const metrics = recording();
    const meter = meterMove(metrics, 'n1', 'backup', 10_000);
    meter.progressed(0);
    meter.progressed(4096);
    meter.progressed(4096);
    meter.progressed(10_000);
    meter.completed(12_000);
    expect(metrics.calls).toEqual(['bytes n1 backup 4096', 'bytes n1 backup 5904', 'rate n1 backup 5000']);
  });

  it('does not count again what a resumed transfer re-reports from zero', () => {
    const metrics = recording();
    const meter = meterMove(metrics, 'n1', 'restore', 0);
    meter.progressed(100);
    meter.progressed(20);
    meter.progressed(150);
    expect(metrics.calls).toEqual(['bytes n1 restore 100', 'bytes n1 restore 50']);
  });

  it('records no rate for an empty move or without metrics', () => {
    const metrics = recording();
    meterMove(metrics, 'n1', 'backup', 0).completed(5000);
    expect(metrics.calls).toEqual([]);
    expect(() => meterMove(undefined, 'n1', 'backup', 0).progressed(5)).not.toThrow();
  });
});
