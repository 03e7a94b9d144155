import { createLogger } from '@ferry/logger';
import { createShutdownStack } from './shutdown-stack';

describe('shutdown stack - order and failures', () => {
  const logger = createLogger({ name: 'shutdown-stack-test', level: 'silent' });

  it('stops newest first, one after the other, and only once', async () => {
    const stack = createShutdownStack(logger, 'test');
    const order: string[] = [];
    const step = (name: string, ms: number) => () => new Promise<void>((resolve) => setTimeout(() => resolve(void order.push(name)), ms));
    stack.add(step('nats consumer', 1));
    stack.add(step('http', 20));
    expect(stack.stopping).toBe(false);
    await Promise.all([stack.run(), stack.run()]);
    expect(order).toEqual(['http', 'nats consumer']);
    expect(stack.stopping).toBe(true);
  });

  it('runs the remaining steps when one fails', async () => {
    const stack = createShutdownStack(logger, 'test');
    const ran: string[] = [];
    stack.add(async () => void ran.push('first'));
    stack.add(() => Promise.reject(new Error('boom')));
    await expect(stack.run()).resolves.toBeUndefined();
    expect(ran).toEqual(['first']);
  });
});
