package dev.compactor.jobs.rewrite;

import java.util.Arrays;
import java.util.Optional;

/**
 * Checks the framing of an Avro object container file without decoding any record: the header, then
 * blocks of (count, size, payload, sync marker) up to the last byte. Avro's own reader treats a
 * file cut inside a block header as a clean end and silently drops the tail; this check does not,
 * so a truncated file is quarantined instead of half read.
 */
public final class AvroFraming {

  private static final byte[] MAGIC = {'O', 'b', 'j', 1};
  private static final int SYNC_SIZE = 16;

  private final byte[] bytes;
  private int pos;

  private AvroFraming(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Why the bytes are not a complete container file, or empty when the framing is intact. */
  public static Optional<String> problem(byte[] bytes) {
    try {
      return new AvroFraming(bytes).check();
    } catch (Truncated e) {
      return Optional.of(e.getMessage());
    }
  }

  /** The sync marker the header declares, or empty when the bytes have no intact header. */
  public static Optional<byte[]> syncMarker(byte[] bytes) {
    try {
      return new AvroFraming(bytes).header();
    } catch (Truncated e) {
      return Optional.empty();
    }
  }

  /** Reads the magic and the metadata, and returns the sync marker; empty on a bad magic. */
  private Optional<byte[]> header() {
    if (bytes.length < MAGIC.length
        || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      return Optional.empty();
    }
    pos = MAGIC.length;
    skipMetadata();
    return Optional.of(take(SYNC_SIZE, "the header's sync marker"));
  }

  private Optional<String> check() {
    Optional<byte[]> header = header();
    if (header.isEmpty()) {
      return Optional.of("not an Avro object container file (bad magic)");
    }
    byte[] sync = header.get();
    int block = 0;
    while (pos < bytes.length) {
      int blockStart = pos;
      long count = readLong("block " + block + "'s record count");
      long size = readLong("block " + block + "'s byte size");
      if (count < 0 || size < 0 || size > bytes.length - pos) {
        throw new Truncated(
            "truncated or corrupt Avro: block "
                + block
                + " at byte "
                + blockStart
                + " declares "
                + size
                + " bytes but only "
                + (bytes.length - pos)
                + " remain");
      }
      pos += (int) size;
      byte[] marker = take(SYNC_SIZE, "block " + block + "'s sync marker");
      if (!Arrays.equals(marker, sync)) {
        return Optional.of(
            "corrupt Avro: block "
                + block
                + " at byte "
                + blockStart
                + " does not end with the file's "
                + "sync marker");
      }
      block++;
    }
    return Optional.empty();
  }

  private void skipMetadata() {
    while (true) {
      long entries = readLong("the header's metadata");
      if (entries == 0) {
        return;
      }
      if (entries < 0) {
        readLong("the header's metadata");
        entries = -entries;
      }
      for (long i = 0; i < entries; i++) {
        skipBytes("a metadata key");
        skipBytes("a metadata value");
      }
    }
  }

  private void skipBytes(String what) {
    long length = readLong(what);
    if (length < 0 || length > bytes.length - pos) {
      throw new Truncated("truncated or corrupt Avro: the file ends inside " + what);
    }
    pos += (int) length;
  }

  private byte[] take(int n, String what) {
    if (bytes.length - pos < n) {
      throw new Truncated("truncated Avro: the file ends inside " + what + " (byte " + pos + ")");
    }
    byte[] out = Arrays.copyOfRange(bytes, pos, pos + n);
    pos += n;
    return out;
  }

  /** Avro's zig-zag variable-length long. */
  private long readLong(String what) {
    long raw = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= bytes.length) {
        throw new Truncated("truncated Avro: the file ends inside " + what + " (byte " + pos + ")");
      }
      int b = bytes[pos++] & 0xff;
      raw |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    throw new Truncated("corrupt Avro: an over-long number in " + what + " (byte " + pos + ")");
  }

  private static final class Truncated extends RuntimeException {
    Truncated(String message) {
      super(message, null, false, false);
    }
  }
}
