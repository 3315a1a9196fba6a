package dev.compactor.jobs.it;

import java.sql.Array;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBStruct;

/**
 * Values as DuckDB's JDBC driver returns them, turned into the plain Java forms {@link AvroValues}
 * expects, so that a written and a read value compare with {@code equals}.
 */
final class DuckDbValues {

  private DuckDbValues() {}

  static Object normalize(Object value) {
    try {
      return convert(value);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read DuckDB value " + value, e);
    }
  }

  private static Object convert(Object value) throws SQLException {
    if (value instanceof Array array) {
      List<Object> list = new ArrayList<>();
      for (Object element : (Object[]) array.getArray()) {
        list.add(convert(element));
      }
      return list;
    }
    if (value instanceof DuckDBStruct struct) {
      return convertMap(struct.getMap());
    }
    if (value instanceof Map<?, ?> map) {
      return convertMap(map);
    }
    if (value instanceof Blob blob) {
      return HexFormat.of().formatHex(blob.getBytes(1, (int) blob.length()));
    }
    if (value instanceof OffsetDateTime time) {
      return time.toInstant();
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toLocalDateTime();
    }
    if (value instanceof OffsetTime time) {
      // Athena reads INT64 TIME(MICROS) as the stored microseconds after midnight.
      return time.toLocalTime().toNanoOfDay() / 1000;
    }
    return value;
  }

  private static Map<String, Object> convertMap(Map<?, ?> map) throws SQLException {
    Map<String, Object> converted = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      converted.put(entry.getKey().toString(), convert(entry.getValue()));
    }
    return converted;
  }
}
