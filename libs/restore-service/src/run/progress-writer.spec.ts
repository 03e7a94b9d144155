import { createProgressWriter } from './progress-writer';

describe('createProgressWriter (≤ 1 patch a second, the latest update kept)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends the first update at once, holds later ones until the second has passed, sends only the latest', async () => {
    let now = 0;
    const sent: unknown[] = [];
    const writer = createProgressWriter(
      async (progress) => {
        sent.push(progress);
      },
      () => undefined,
      () => now,
    );
    writer.offer({ totalItems: 10, itemsRestored: 1 });
    now = 200;
    writer.offer({ totalItems: 10, itemsRestored: 2 });
    now = 400;
    writer.offer({ totalItems: 11, itemsRestored: 3 });
    await Promise.resolve();
    expect(sent).toEqual([{ totalItems: 10, itemsRestored: 1 }]);
    now = 1000;
    await jest.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual([
      { totalItems: 10, itemsRestored: 1 },
      { totalItems: 11, itemsRestored: 3 },
    ]);
    now = 1100;
    writer.offer({ totalItems: 11, itemsRestored: 4 });
    await writer.close();
    await jest.advanceTimersByTimeAsync(5000);
    expect(sent).toHaveLength(2);
  });
});
