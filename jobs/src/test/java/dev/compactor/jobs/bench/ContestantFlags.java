package dev.compactor.jobs.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A contestant's own {@code --name value} arguments, as {@code BenchRun} passes them. */
record ContestantFlags(Map<String, String> values) {

  static ContestantFlags parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "expected --name value pairs, got " + String.join(" ", args));
      }
      values.put(args[i], args[i + 1]);
    }
    return new ContestantFlags(values);
  }

  Optional<String> option(String name) {
    return Optional.ofNullable(values.get(name));
  }

  String required(String name) {
    return option(name).orElseThrow(() -> new IllegalArgumentException("missing " + name));
  }
}
