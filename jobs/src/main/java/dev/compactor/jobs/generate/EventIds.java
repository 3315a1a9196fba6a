package dev.compactor.jobs.generate;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Event IDs and the bucket an upstream partitioner puts them in.
 *
 * <p>The bucket is CRC32 of the ID's UTF-8 bytes modulo the bucket count: a hash with a published
 * definition, like the ones real stream partitioners use, so tests and other tools can recompute a
 * bucket from an ID without this code.
 */
public final class EventIds {

  private EventIds() {}

  /** A random version-4 UUID string drawn from {@code random}. */
  static String next(SplitMix64 random) {
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb).toString();
  }

  /** The bucket of {@code eventId} among {@code buckets}: CRC32(UTF-8) mod buckets. */
  public static int bucketOf(String eventId, int buckets) {
    CRC32 crc = new CRC32();
    crc.update(eventId.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % buckets);
  }
}
