import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './database-errors.js';

const named = (name: string, message = 'x', cause?: unknown) =>
  Object.assign(new Error(message, { cause }), { name });

describe('isDatabaseUnavailable', () => {
  it("recognises the driver's connection errors, also inside a bulk write or as a cause", () => {
    expect(isDatabaseUnavailable(named('MongoNetworkError'))).toBe(true);
    expect(isDatabaseUnavailable(named('MongoServerSelectionError'))).toBe(true);
    expect(
      isDatabaseUnavailable(named('MongoBulkWriteError', 'connection 6 to 127.0.0.1:44959 closed')),
    ).toBe(true);
    expect(isDatabaseUnavailable(named('Error', 'x', named('MongoPoolClearedError')))).toBe(true);
    expect(
      isDatabaseUnavailable(
        named('MongoBulkWriteError', 'This socket has been ended by the other party'),
      ),
    ).toBe(true);
    const epipe = Object.assign(named('Error', 'This socket has been ended by the other party'), {
      code: 'EPIPE',
    });
    expect(isDatabaseUnavailable(epipe)).toBe(true);
  });

  it('leaves other errors alone', () => {
    expect(isDatabaseUnavailable(named('MongoBulkWriteError', 'E11000 duplicate key'))).toBe(false);
    expect(isDatabaseUnavailable(named('MongoServerError'))).toBe(false);
    expect(isDatabaseUnavailable('MongoNetworkError')).toBe(false);
    // The same words from anything but the driver or a socket say nothing about the database.
    expect(
      isDatabaseUnavailable(named('Error', 'This socket has been ended by the other party')),
    ).toBe(false);
  });
});
