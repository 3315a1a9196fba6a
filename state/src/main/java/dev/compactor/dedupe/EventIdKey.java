package dev.compactor.dedupe;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.apache.avro.generic.GenericFixed;

/**
 * The one normalized form of an event ID, used wherever IDs are compared, hashed or counted
 * (dedupe, spill sub-buckets, verify). Avro hands the same ID over in several shapes: strings as
 * {@code Utf8} or {@code String}, bytes as a reused {@link ByteBuffer} whose {@code toString()}
 * names only its position and limit, fixed as {@link GenericFixed}. Equal IDs must give equal keys,
 * and a key's bytes must be the ID's content.
 */
public final class EventIdKey {

  private EventIdKey() {}

  /**
   * A value with content equality for {@code id}: a {@code String} for strings, an immutable copy
   * in a {@link ByteBuffer} for bytes and fixed, the value itself for numbers; null stays null.
   */
  public static Object of(Object id) {
    if (id instanceof CharSequence text) {
      return text.toString();
    }
    if (id instanceof ByteBuffer buffer) {
      ByteBuffer view = buffer.duplicate();
      byte[] copy = new byte[view.remaining()];
      view.get(copy);
      return ByteBuffer.wrap(copy).asReadOnlyBuffer();
    }
    if (id instanceof GenericFixed fixed) {
      return ByteBuffer.wrap(fixed.bytes().clone()).asReadOnlyBuffer();
    }
    return id;
  }

  /** The content of a normalized ID, for hashing: UTF-8 for text, the bytes for binary IDs. */
  public static byte[] bytes(Object key) {
    if (key instanceof ByteBuffer buffer) {
      ByteBuffer view = buffer.duplicate();
      byte[] copy = new byte[view.remaining()];
      view.get(copy);
      return copy;
    }
    return String.valueOf(key).getBytes(StandardCharsets.UTF_8);
  }

  /** A printable form of a normalized ID: hex for binary IDs. */
  public static String text(Object key) {
    if (key instanceof ByteBuffer) {
      return "0x" + HexFormat.of().formatHex(bytes(key));
    }
    return String.valueOf(key);
  }
}
