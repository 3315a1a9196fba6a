package dev.compactor.ddl;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Identifiers as Athena's DDL wants them. Athena stores every database, table, column and struct
 * field name in lower case, so names are lower-cased here and the DDL shows what the catalog will
 * hold. Every identifier is quoted with backticks, because column names such as {@code date},
 * {@code user} or {@code timestamp} are reserved words in Athena's DDL and fail unquoted.
 */
public final class AthenaNames {

  /** What Athena accepts for database and table names (the Glue catalog's rule). */
  private static final Pattern TABLE_NAME = Pattern.compile("[a-z0-9_]{1,255}");

  private AthenaNames() {}

  /** {@code name} lower-cased in backticks, e.g. {@code Date} becomes {@code `date`}. */
  public static String quote(String name) {
    if (name.isEmpty() || name.indexOf('`') >= 0) {
      throw new IllegalArgumentException(
          "'" + name + "' cannot be an Athena identifier: it is empty or contains a backtick");
    }
    return "`" + lower(name) + "`";
  }

  /** The name Athena stores for {@code name}. */
  public static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * The default table name for an event type: lower case, with the {@code -} that event type names
   * may contain replaced by {@code _}, since Athena table names allow only letters, digits and
   * underscores.
   */
  public static String tableNameFor(String eventType) {
    return checkedTableName(lower(eventType).replace('-', '_'), "event type '" + eventType + "'");
  }

  /**
   * {@code name} lower-cased, or an exception naming {@code what} when Athena would refuse it.
   *
   * @param what how the caller calls this name in an error message, e.g. {@code --table}
   */
  public static String checkedTableName(String name, String what) {
    String lowered = lower(name);
    if (!TABLE_NAME.matcher(lowered).matches()) {
      throw new IllegalArgumentException(
          what
              + " gives the name '"
              + name
              + "', which Athena does not accept: use 1 to 255 letters,"
              + " digits and underscores");
    }
    return lowered;
  }
}
