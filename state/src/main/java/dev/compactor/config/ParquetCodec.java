package dev.compactor.config;

import java.util.Arrays;
import java.util.Optional;

/** The codec of the Parquet output; {@link #toString()} is its configuration name. */
public enum ParquetCodec {
  UNCOMPRESSED("uncompressed"),
  SNAPPY("snappy"),
  GZIP("gzip"),
  ZSTD("zstd");

  private final String configName;

  ParquetCodec(String configName) {
    this.configName = configName;
  }

  static Optional<ParquetCodec> named(String name) {
    return Arrays.stream(values()).filter(c -> c.configName.equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return configName;
  }
}
