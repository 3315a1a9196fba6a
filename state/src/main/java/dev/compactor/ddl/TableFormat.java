package dev.compactor.ddl;

import dev.compactor.layout.Layout;

/**
 * The two outputs a table can be declared over. Each reads the same reader schema through a
 * different reader (Parquet: the engine's Parquet reader; Avro: the Hive Avro SerDe), so a few Avro
 * types surface as different Athena types; {@link AthenaTypeMapper} holds the differences.
 */
public enum TableFormat {
  PARQUET(Layout.PARQUET),
  AVRO(Layout.AVRO);

  private final String folder;

  TableFormat(String folder) {
    this.folder = folder;
  }

  /** The output folder under the output root, as in {@link Layout}. */
  public String folder() {
    return folder;
  }
}
