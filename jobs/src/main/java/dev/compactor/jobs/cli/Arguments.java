package dev.compactor.jobs.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parsed command line: a command, {@code --flag value} options, boolean switches and repeatable
 * {@code --set key=value} configuration overrides. Unknown flags are rejected by {@link
 * #rejectOthers}.
 */
public final class Arguments {

  private static final Set<String> SWITCHES =
      Set.of(
          "--force",
          "--dry-run",
          "--strict",
          "--wait",
          "--help",
          "--delete-emptied",
          "--delete-orphans");

  private final String command;
  private final Map<String, String> options = new LinkedHashMap<>();
  private final Map<String, String> overrides = new LinkedHashMap<>();
  private final List<String> switches = new ArrayList<>();

  private Arguments(String command) {
    this.command = command;
  }

  public static Arguments parse(String[] args) {
    if (args.length == 0 || args[0].startsWith("-")) {
      throw new UsageException(
          "missing command; expected one of run, plan, backfill, verify, status, ddl, generate");
    }
    Arguments parsed = new Arguments(args[0]);
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (SWITCHES.contains(arg)) {
        parsed.switches.add(arg);
      } else if (arg.startsWith("--")) {
        String name = arg;
        String value;
        int eq = arg.indexOf('=');
        if (eq > 0 && !arg.startsWith("--set")) {
          name = arg.substring(0, eq);
          value = arg.substring(eq + 1);
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          throw new UsageException(arg + " needs a value");
        }
        if (name.equals("--set")) {
          int kv = value.indexOf('=');
          if (kv <= 0) {
            throw new UsageException("--set expects key=value, got '" + value + "'");
          }
          parsed.overrides.put(value.substring(0, kv), value.substring(kv + 1));
        } else {
          parsed.options.put(name, value);
        }
      } else {
        throw new UsageException("unexpected argument '" + arg + "'");
      }
    }
    return parsed;
  }

  public String command() {
    return command;
  }

  public Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name));
  }

  public String required(String name) {
    return option(name).orElseThrow(() -> new UsageException(command + " needs " + name));
  }

  public boolean has(String flag) {
    return switches.contains(flag);
  }

  public Map<String, String> overrides() {
    return overrides;
  }

  /** Fails on any option this command does not take. */
  public void rejectOthers(Set<String> allowed) {
    for (String name : options.keySet()) {
      if (!allowed.contains(name)) {
        throw new UsageException(command + " does not take " + name + "; it takes " + allowed);
      }
    }
    for (String flag : switches) {
      if (!allowed.contains(flag) && !flag.equals("--help")) {
        throw new UsageException(command + " does not take " + flag + "; it takes " + allowed);
      }
    }
  }
}
