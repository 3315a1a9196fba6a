package dev.compactor.jobs.cli;

import dev.compactor.config.ConfigException;
import dev.compactor.config.MetricsSettings;
import dev.compactor.jobs.run.EmfMetrics;
import dev.compactor.jobs.run.ExitCode;
import dev.compactor.jobs.run.ManifestConflictException;
import dev.compactor.jobs.run.PlanTooLargeException;
import dev.compactor.jobs.run.RunStatus;
import dev.compactor.lock.Lease;
import dev.compactor.lock.LockedException;
import dev.compactor.store.AccessDeniedException;
import dev.compactor.store.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Maps what ended a command to its message and exit code, here and nowhere else: 2 for a bad
 * command line or configuration, 3 locked, 1 for everything that failed. A scheduled command's
 * early exit also prints its EMF line ({@link Metered}).
 */
final class ExitHandler implements IParameterExceptionHandler, IExecutionExceptionHandler {

  private static final String USAGE = "usage: ";

  private final Session session;

  ExitHandler(Session session) {
    this.session = session;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    ParameterException cause = e;
    List<String> unknown = command.getUnmatchedArguments();
    if (!(e instanceof UnmatchedArgumentException) && !unknown.isEmpty()) {
      // A misspelt option also leaves its required one missing; the misspelling is the cause.
      cause = new UnmatchedArgumentException(command, unknown);
    }
    if (isUnknownCommand(command, unknown)) {
      session.err.println(
          "error: unknown command '"
              + unknown.get(0)
              + "'; expected one of "
              + String.join(", ", command.getSubcommands().keySet()));
    } else {
      session.err.println("error: " + cause.getMessage());
      UnmatchedArgumentException.printSuggestions(cause, session.err);
    }
    printUsageHint(command);
    return exit(command, RunStatus.USAGE_ERROR, ExitCode.USAGE, Map.of());
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    if (e instanceof UsageException) {
      session.err.println("error: " + e.getMessage());
      printUsageHint(command);
      return exit(command, RunStatus.USAGE_ERROR, ExitCode.USAGE, Map.of());
    }
    if (e instanceof ConfigException) {
      session.err.println("error: " + e.getMessage());
      return exit(command, RunStatus.USAGE_ERROR, ExitCode.USAGE, Map.of());
    }
    if (e instanceof PlanTooLargeException refused) {
      session.err.println("error: " + refused.getMessage());
      return exit(command, RunStatus.REFUSED, ExitCode.FAILED, refused.counts());
    }
    if (e instanceof LockedException) {
      session.err.println("error: " + e.getMessage());
      return exit(command, RunStatus.LOCKED, ExitCode.LOCKED, Map.of());
    }
    if (e instanceof Lease.LeaseLostException || e instanceof ManifestConflictException) {
      // Fenced: another run holds the lease or committed first; this one wrote nothing more.
      session.err.println("error: " + e.getMessage());
      return exit(command, RunStatus.FENCED, ExitCode.FAILED, Map.of());
    }
    if (e instanceof AccessDeniedException) {
      session.err.println("error: access denied: " + e.getMessage());
      return exit(command, RunStatus.FAILED, ExitCode.FAILED, Map.of());
    }
    if (e instanceof StoreException) {
      session.err.println("error: " + e.getMessage());
      return exit(command, RunStatus.FAILED, ExitCode.FAILED, Map.of());
    }
    // Outputs already written stay valid and no manifest names unfinished work: rerunning is safe.
    e.printStackTrace(session.err);
    session.err.println(
        "error: the run failed: " + e + ". Rerun it; finished hours are not redone.");
    return exit(command, RunStatus.FAILED, ExitCode.FAILED, Map.of());
  }

  /** {@code compactor compact ...}: the first word is not a command and not an option. */
  private static boolean isUnknownCommand(CommandLine command, List<String> unknown) {
    return command.getParent() == null
        && !command.getSubcommands().isEmpty()
        && !unknown.isEmpty()
        && !unknown.get(0).startsWith("-");
  }

  private void printUsageHint(CommandLine command) {
    String name = command.getCommandSpec().qualifiedName();
    session.err.print(USAGE + command.getHelp().synopsis(USAGE.length()));
    session.err.println("Run '" + name + " --help' for every option and its default.");
  }

  private int exit(
      CommandLine command, RunStatus status, ExitCode exit, Map<String, Number> known) {
    if (command.getCommand() instanceof Metered metered && !metered.dryRun()) {
      MetricsSettings metrics =
          session.config().map(c -> c.metrics()).orElse(new MetricsSettings("Compactor", Map.of()));
      String eventType = metered.eventType().orElse("unknown");
      session.out.println(
          EmfMetrics.exitLine(eventType, status, exit, known, metrics, Instant.now()));
    }
    return exit.code();
  }
}
