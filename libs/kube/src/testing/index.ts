export { FakeClock, flushPromises } from './fake-clock';
