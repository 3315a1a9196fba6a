package dev.compactor.jobs.cli;

import dev.compactor.jobs.BuildInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code compactor}: the top of the command tree, with the global help and version. */
@Command(
    name = "compactor",
    mixinStandardHelpOptions = true,
    versionProvider = RootCommand.Version.class,
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "Compacts the small Avro files an event pipeline lands on S3 into one deduplicated Avro and"
          + " one Parquet file per partition, rebuilding only the partitions whose input changed.",
      ""
    },
    commandListHeading = "%nCommands:%n",
    footer = {"", "Run 'compactor COMMAND --help' for a command's options."})
final class RootCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  /** {@code compactor} alone: a command is needed. */
  @Override
  public Integer call() {
    List<String> names = new ArrayList<>(spec.subcommands().keySet());
    throw new ParameterException(
        spec.commandLine(), "missing command; expected one of " + String.join(", ", names));
  }

  /** {@code --version}: this build, then the libraries found on the classpath at run time. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      List<String> lines = new ArrayList<>();
      lines.add("compactor " + BuildInfo.current().label());
      BuildInfo.libraries()
          .forEach((name, version) -> lines.add(String.format("  %-8s %s", name, version)));
      return lines.toArray(String[]::new);
    }
  }
}
