/**
 * Time comes in through a `Clock` rather than `new Date()`, so tests can walk a session through 90 days without
 * waiting or mocking globals. Production passes `systemClock`.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  now: () => new Date(),
};

/** A clock tests can move. It never moves by itself. */
export function createManualClock(start: Date = new Date()): Clock & {
  set(d: Date): void;
  advance(ms: number): void;
} {
  let current = start.getTime();
  return {
    // A fresh Date each call: callers may mutate what they get without moving the clock.
    now: () => new Date(current),
    set: (d) => {
      current = d.getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}
