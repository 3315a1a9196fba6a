package dev.compactor.store;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The decoded parameters of a request target's query; a parameter without {@code =} maps to "". */
record QueryString(Map<String, String> parameters) {

  static QueryString parse(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        parameters.put(decode(name), decode(value));
      }
    }
    return new QueryString(Map.copyOf(parameters));
  }

  boolean has(String name) {
    return parameters.containsKey(name);
  }

  /** The parameter's value, or "" when absent. */
  String value(String name) {
    return parameters.getOrDefault(name, "");
  }

  static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
