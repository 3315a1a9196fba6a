package dev.compactor.config;

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

  @Override
  public String toString() {
    return configName;
  }
}
