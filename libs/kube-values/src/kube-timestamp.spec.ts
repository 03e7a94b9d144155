import { kubeTimestamp } from './kube-timestamp';

describe('kubeTimestamp - metav1.Time in whole seconds', () => {
  it.each<[string, string]>([
    ['2026-12-06T07:00:00.000Z', '2026-12-06T07:00:00Z'],
    ['2026-12-06T07:00:00.999Z', '2026-12-06T07:00:00Z'],
    ['1969-12-31T23:59:59.500Z', '1969-12-31T23:59:59Z'],
  ])('%s is written %s', (at, text) => {
    expect(kubeTimestamp(new Date(at))).toBe(text);
    expect(kubeTimestamp(Date.parse(at))).toBe(text);
  });
});
