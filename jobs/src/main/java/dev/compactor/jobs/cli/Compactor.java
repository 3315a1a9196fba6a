package dev.compactor.jobs.cli;

import dev.compactor.jobs.run.ExitCode;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The one entry point, for {@code spark-submit} and {@code submit/compactor}. Usage and help come
 * from the options each command declares; {@link ExitHandler} maps every failure to its exit code.
 */
public final class Compactor {

  private final PrintStream out;
  private final PrintStream err;

  public Compactor(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new Compactor(System.out, System.err).execute(args));
  }

  /** Runs one command line and returns its exit code. */
  public int execute(String... args) {
    try (Session session = new Session(out, err)) {
      return commandLine(session).execute(args);
    }
  }

  /**
   * The command tree without running anything, for checking a command line as the entry point would
   * parse it (deploy files are tested this way).
   */
  public static CommandLine parser() {
    return commandLine(new Session(System.out, System.err));
  }

  private static CommandLine commandLine(Session session) {
    CommandLine cli = new CommandLine(new RootCommand());
    for (Object command :
        List.of(
            new RunCommand(session),
            new PlanCommand(session),
            new BackfillCommand(session),
            new VerifyCommand(session),
            new StatusCommand(session),
            new MaintainCommand(session),
            new DdlCommand(session),
            new GenerateCommand(session))) {
      cli.addSubcommand(command);
    }
    // The last of a repeated option wins, as it did before picocli and as wrapper scripts expect.
    cli.setOverwrittenOptionsAllowed(true);
    ExitHandler exits = new ExitHandler(session);
    cli.setParameterExceptionHandler(exits);
    cli.setExecutionExceptionHandler(exits);
    cli.setOut(new PrintWriter(session.out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(session.err, true, StandardCharsets.UTF_8));
    Map<String, String> exitCodes = exitCodeList();
    listExitCodes(cli, exitCodes);
    return cli;
  }

  /** Every command's help ends with the exit codes, from {@link ExitCode} so they cannot drift. */
  private static void listExitCodes(CommandLine cli, Map<String, String> exitCodes) {
    cli.getCommandSpec()
        .usageMessage()
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(exitCodes);
    cli.getSubcommands().values().forEach(sub -> listExitCodes(sub, exitCodes));
  }

  private static Map<String, String> exitCodeList() {
    Map<String, String> list = new LinkedHashMap<>();
    for (ExitCode code : ExitCode.values()) {
      list.put(String.valueOf(code.code()), code.meaning());
    }
    return list;
  }
}
