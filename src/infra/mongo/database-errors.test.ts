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
    // A bulk write that could not reconnect to a restarting engine.
    expect(
      isDatabaseUnavailable(named('MongoBulkWriteError', 'connect ECONNREFUSED 127.0.0.1:38587')),
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
    // The provider's refused connection (fetch's TypeError, the socket error as its cause).
    const refused = Object.assign(named('Error', 'connect ECONNREFUSED 127.0.0.1:4010'), {
      code: 'ECONNREFUSED',
      syscall: 'connect',
    });
    expect(isDatabaseUnavailable(named('TypeError', 'fetch failed', refused))).toBe(false);
  });
});
