/**
 * The only place this package reads `process.env`, and only for its tests: the library itself takes all of its
 * configuration as arguments.
 */
export interface AuthTestEnv {
  /** `redis://…`: run the Redis rate-limit tests against it (CI sets it; locally they are skipped without it). */
  TEST_REDIS_URL: string | undefined;
}

export function readAuthTestEnv(source: Record<string, string | undefined> = process.env): AuthTestEnv {
  const url = source.TEST_REDIS_URL || undefined;
  if (url !== undefined && !/^rediss?:\/\/./.test(url)) {
    throw new Error(`TEST_REDIS_URL must be a redis:// or rediss:// URL, got ${JSON.stringify(url)}`);
  }
  return { TEST_REDIS_URL: url };
}
