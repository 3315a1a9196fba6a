package dev.compactor.config;

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

  @Override
  public String toString() {
    return configName;
  }
}
