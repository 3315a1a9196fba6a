package dev.compactor.config;

import java.util.Arrays;
import java.util.Optional;

/** The codec of the merged Avro output; {@link #toString()} is its configuration name. */
public enum AvroCodec {
  NULL("null"),
  DEFLATE("deflate"),
  SNAPPY("snappy"),
  ZSTANDARD("zstandard");

  private final String configName;

  AvroCodec(String configName) {
    this.configName = configName;
  }

  static Optional<AvroCodec> named(String name) {
    return Arrays.stream(values()).filter(c -> c.configName.equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return configName;
  }
}
