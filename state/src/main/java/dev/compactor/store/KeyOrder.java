package dev.compactor.store;

import java.util.Comparator;

/**
 * The order S3 lists keys in: UTF-8 byte order, which is Unicode code-point order. It differs from
 * {@link String#compareTo} (UTF-16 order) for characters above U+FFFF against U+E000..U+FFFF, and
 * some S3-compatible servers use the latter, so every store sorts its listing with this.
 */
final class KeyOrder {

  static final Comparator<String> KEYS = KeyOrder::compare;
  static final Comparator<ObjectInfo> OBJECTS = Comparator.comparing(ObjectInfo::key, KEYS);

  private KeyOrder() {}

  private static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
