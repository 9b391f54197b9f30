/** A source of numbers in [0, 1) for generated test values. */
export type Gen = () => number;

/** mulberry32: a small seeded generator, so a failing generated case names a seed that reproduces it. */
export function seededRandom(seed: number): Gen {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One item of `list`, chosen by `rand`. */
export const pick = <T>(rand: Gen, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
