package dev.compactor.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * A command line as the entry point parsed it: the command, each option given with the text it was
 * given as, and the {@code --set} configuration overrides.
 */
record ParsedCommand(String command, Map<String, String> options, Map<String, String> overrides) {

  static ParsedCommand of(ParseResult command) {
    Map<String, String> options = new LinkedHashMap<>();
    Map<String, String> overrides = new LinkedHashMap<>();
    for (OptionSpec option : command.matchedOptions()) {
      if (option.longestName().equals("--set")) {
        Map<String, String> values = option.getValue();
        overrides.putAll(values);
      }
      String text =
          option.arity().max == 0 ? "true" : String.join(",", option.originalStringValues());
      options.put(option.longestName(), text);
    }
    return new ParsedCommand(command.commandSpec().name(), options, overrides);
  }

  Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name));
  }

  String required(String name) {
    assertThat(options).as("options of %s", command).containsKey(name);
    return options.get(name);
  }

  boolean has(String flag) {
    return options.containsKey(flag);
  }
}
