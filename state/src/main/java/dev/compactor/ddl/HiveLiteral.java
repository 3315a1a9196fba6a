package dev.compactor.ddl;

/**
 * String literals for Athena's DDL, which parses them like Hive: in single quotes, with a backslash
 * escaping the next character. A schema literal holds JSON, whose own escapes ({@code \"}, {@code
 * \n}) must reach the SerDe intact, so backslashes are doubled before quotes are escaped.
 */
final class HiveLiteral {

  private HiveLiteral() {}

  /** {@code text} as a single-quoted DDL literal that Athena reads back as exactly {@code text}. */
  static String quote(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
