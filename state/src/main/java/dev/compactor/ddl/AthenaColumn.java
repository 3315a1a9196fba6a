package dev.compactor.ddl;

/**
 * One column of a table as its DDL declares it.
 *
 * @param name the Avro field name as written in the reader schema (the DDL quotes and lower-cases
 *     it)
 * @param type the Athena (Hive DDL) type, e.g. {@code bigint} or {@code array<struct<`id`:string>>}
 */
public record AthenaColumn(String name, String type) {

  /** The column as one line of a column list: {@code `name` type}. */
  public String declaration() {
    return AthenaNames.quote(name) + " " + type;
  }
}
