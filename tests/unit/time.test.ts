import { now } from '../../server/db/time';

describe('stored timestamps', () => {
  afterEach(() => jest.useRealTimers());

  test('are the current time in ISO-8601 UTC, and follow the clock from one millisecond to the next', () => {
    jest.useFakeTimers({ now: Date.UTC(2026, 11, 7, 9, 30, 0, 120) });
    expect(now()).toBe('2026-12-07T09:30:00.120Z');
    expect(now()).toBe('2026-12-07T09:30:00.120Z');
    jest.setSystemTime(Date.UTC(2026, 11, 7, 9, 30, 0, 121));
    expect(now()).toBe('2026-12-07T09:30:00.121Z');
    jest.setSystemTime(Date.UTC(2027, 0, 1));
    expect(now()).toBe('2027-01-01T00:00:00.000Z');
  });
});
