package dev.compactor.jobs.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads outputs back without the writer code: Avro with the plain {@link DataFileReader} and its
 * own embedded schema, Parquet with DuckDB (a second, native Parquet implementation).
 */
public final class IndependentReaders {

  private IndependentReaders() {}

  public static List<GenericRecord> avro(byte[] bytes) throws IOException {
    List<GenericRecord> records = new ArrayList<>();
    try (DataFileReader<GenericRecord> reader =
        new DataFileReader<>(new SeekableByteArrayInput(bytes), new GenericDatumReader<>())) {
      reader.forEach(records::add);
    }
    return records;
  }

  /** Every row of the Parquet file as column name to value, in file order. */
  public static List<Map<String, Object>> parquet(byte[] bytes, Path scratch)
      throws IOException, SQLException {
    Path file = Files.createTempFile(scratch, "read-", ".parquet");
    Files.write(file, bytes);
    try {
      return query("SELECT * FROM read_parquet('" + file + "')");
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Column name to DuckDB type name, as DuckDB reads the Parquet schema. */
  public static Map<String, String> parquetColumnTypes(byte[] bytes, Path scratch)
      throws IOException, SQLException {
    Path file = Files.createTempFile(scratch, "schema-", ".parquet");
    Files.write(file, bytes);
    try {
      Map<String, String> types = new LinkedHashMap<>();
      for (Map<String, Object> row : query("DESCRIBE SELECT * FROM read_parquet('" + file + "')")) {
        types.put(row.get("column_name").toString(), row.get("column_type").toString());
      }
      return types;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static List<Map<String, Object>> query(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<Map<String, Object>> rows = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= columns; i++) {
          row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }
}
