package dev.compactor.jobs.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which DuckDB column type corresponds to an Athena column type, for checking a table's DDL against
 * what DuckDB (a Parquet reader independent of parquet-java) finds in the file. An Athena type
 * string such as {@code array<struct<`sku`:string,`qty`:int>>} becomes a pattern for DuckDB's
 * {@code DESCRIBE} output, here {@code STRUCT(sku VARCHAR, qty INTEGER)[]}.
 */
final class AthenaToDuckDb {

  /** The leaf types: Athena's name to DuckDB's, as a regular expression. */
  static final Map<String, String> PRIMITIVES =
      Map.ofEntries(
          Map.entry("string", "VARCHAR"),
          Map.entry("binary", "BLOB"),
          Map.entry("int", "INTEGER"),
          Map.entry("tinyint", "TINYINT"),
          Map.entry("bigint", "BIGINT"),
          Map.entry("float", "FLOAT"),
          Map.entry("double", "DOUBLE"),
          Map.entry("boolean", "BOOLEAN"),
          Map.entry("date", "DATE"),
          // UTC-adjusted Parquet timestamps are WITH TIME ZONE in DuckDB; local ones are not.
          Map.entry("timestamp", "TIMESTAMP( WITH TIME ZONE)?"));

  private final String text;
  private int at;

  private AthenaToDuckDb(String athenaType) {
    this.text = athenaType;
  }

  /** The DuckDB types that correspond to {@code athenaType}. */
  static Pattern pattern(String athenaType) {
    AthenaToDuckDb parser = new AthenaToDuckDb(athenaType);
    String regex = parser.type();
    if (parser.at != athenaType.length()) {
      throw new IllegalArgumentException(
          "trailing text in Athena type " + athenaType + " at " + parser.at);
    }
    return Pattern.compile(regex);
  }

  private String type() {
    String word = word();
    switch (word) {
      case "array" -> {
        expect('<');
        String element = type();
        expect('>');
        return "(?:" + element + ")\\[\\]";
      }
      case "map" -> {
        expect('<');
        String key = type();
        expect(',');
        String value = type();
        expect('>');
        return "MAP\\(" + key + ", " + value + "\\)";
      }
      case "struct" -> {
        expect('<');
        List<String> fields = new ArrayList<>();
        do {
          String name = quotedName();
          expect(':');
          // DuckDB keeps the case written in the file and quotes a field name only when it needs
          // to.
          fields.add("\"?(?i:" + Pattern.quote(name) + ")\"? " + type());
        } while (accept(','));
        expect('>');
        return "STRUCT\\(" + String.join(", ", fields) + "\\)";
      }
      case "decimal" -> {
        expect('(');
        int close = text.indexOf(')', at);
        String precisionAndScale = text.substring(at, close);
        at = close + 1;
        return "DECIMAL\\(" + Pattern.quote(precisionAndScale) + "\\)";
      }
      default -> {
        String duckDb = PRIMITIVES.get(word);
        if (duckDb == null) {
          throw new IllegalArgumentException(
              "no DuckDB type for Athena type '" + word + "' in " + text);
        }
        return duckDb;
      }
    }
  }

  private String word() {
    int start = at;
    while (at < text.length() && Character.isLetter(text.charAt(at))) {
      at++;
    }
    return text.substring(start, at);
  }

  private String quotedName() {
    expect('`');
    int close = text.indexOf('`', at);
    String name = text.substring(at, close);
    at = close + 1;
    return name;
  }

  private boolean accept(char c) {
    if (at < text.length() && text.charAt(at) == c) {
      at++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!accept(c)) {
      throw new IllegalArgumentException(
          "expected '" + c + "' at " + at + " in Athena type " + text);
    }
  }
}
