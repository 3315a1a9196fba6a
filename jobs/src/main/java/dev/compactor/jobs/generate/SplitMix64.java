package dev.compactor.jobs.generate;

/**
 * A small seeded random generator (the SplitMix64 algorithm), fully defined by this code. Every
 * partition draws from its own stream, derived from (seed, hour, bucket) by {@link #derived}, so
 * partitions can be generated in parallel, in any order, with the same result. {@code
 * java.util.Random} is slower (an atomic update per draw) and has only 48 bits of state to derive
 * streams from. Not thread-safe: one instance per task.
 */
final class SplitMix64 {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private long state;

  SplitMix64(long seed) {
    this.state = seed;
  }

  /**
   * A generator whose stream depends on every part, e.g. {@code derived(seed, hourNumber, bucket)}.
   */
  static SplitMix64 derived(long... parts) {
    long seed = GOLDEN_GAMMA;
    for (long part : parts) {
      seed = mix(seed ^ mix(part + GOLDEN_GAMMA));
    }
    return new SplitMix64(seed);
  }

  long nextLong() {
    state += GOLDEN_GAMMA;
    return mix(state);
  }

  /** Uniform in {@code [0, bound)}; the modulo bias is below 2^-30 for the bounds used here. */
  long nextLong(long bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, not " + bound);
    }
    return (nextLong() >>> 1) % bound;
  }

  int nextInt(int bound) {
    return (int) nextLong(bound);
  }

  /** Uniform in {@code [0, 1)} with 53 random bits. */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** True with probability {@code p}. */
  boolean chance(double p) {
    return nextDouble() < p;
  }

  void nextBytes(byte[] bytes) {
    for (int i = 0; i < bytes.length; i += 8) {
      long word = nextLong();
      for (int j = i; j < Math.min(i + 8, bytes.length); j++) {
        bytes[j] = (byte) word;
        word >>>= 8;
      }
    }
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
