package dev.compactor.dedupe;

import java.io.Serializable;
import java.util.Locale;

/** One field of an ordering, e.g. {@code received_at asc}. Nulls sort last in either direction. */
public record SortKey(FieldPath field, boolean descending) implements Serializable {

  /** Parses {@code "field"}, {@code "field asc"} or {@code "a.b desc"}. */
  public static SortKey parse(String text) {
    String[] parts = text.trim().split("\\s+");
    if (parts.length == 0 || parts.length > 2 || parts[0].isEmpty()) {
      throw new IllegalArgumentException("'" + text + "' is not 'field [asc|desc]'");
    }
    boolean descending = false;
    if (parts.length == 2) {
      switch (parts[1].toLowerCase(Locale.ROOT)) {
        case "asc" -> descending = false;
        case "desc" -> descending = true;
        default ->
            throw new IllegalArgumentException(
                "'" + text + "': direction must be asc or desc, not '" + parts[1] + "'");
      }
    }
    return new SortKey(FieldPath.parse(parts[0]), descending);
  }

  @Override
  public String toString() {
    return field + (descending ? " desc" : " asc");
  }
}
