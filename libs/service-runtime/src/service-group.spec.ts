import { silentLogger } from '@ferry/logger';
import { startServiceGroup } from './service-group';

describe('startServiceGroup', () => {
  const logger = silentLogger();

  function member(name: string, events: string[], fails?: 'start' | 'stop') {
    return async () => {
      if (fails === 'start') throw new Error(`${name} cannot start`);
      events.push(`start ${name}`);
      return {
        stop: async () => {
          events.push(`stop ${name}`);
          if (fails === 'stop') throw new Error(`${name} cannot stop`);
        },
      };
    };
  }

  it('starts members in order and stops them newest first', async () => {
    const events: string[] = [];
    const group = await startServiceGroup(logger, 'g', [member('a', events), member('b', events), member('c', events)]);
    await group.stop();
    expect(events).toEqual(['start a', 'start b', 'start c', 'stop c', 'stop b', 'stop a']);
  });

  it('stops the started members and rethrows when a later one fails to start', async () => {
    const events: string[] = [];
    const starting = startServiceGroup(logger, 'g', [member('a', events), member('b', events), member('c', events, 'start')]);
    await expect(starting).rejects.toThrow('c cannot start');
    expect(events).toEqual(['start a', 'start b', 'stop b', 'stop a']);
  });

  it('still stops the other members when one fails to stop', async () => {
    const events: string[] = [];
    const group = await startServiceGroup(logger, 'g', [member('a', events), member('b', events, 'stop')]);
    await expect(group.stop()).resolves.toBeUndefined();
    expect(events).toEqual(['start a', 'start b', 'stop b', 'stop a']);
  });
});
