package dev.compactor.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.compactor.jobs.cli.Compactor;
import dev.compactor.jobs.it.CompactorHarness.Backend;
import dev.compactor.jobs.run.EmfValidator;
import dev.compactor.lock.Lease;
import dev.compactor.lock.LeaseLock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every exit of a scheduled command prints one EMF line with {@code Status} and {@code ExitCode},
 * so a CloudWatch alarm on them fires for runs that fail before they have a report: locked,
 * refused, bad usage. The CLI runs in this JVM against the real S3 API server.
 */
class ITMetricsOnEveryExit {

  @TempDir Path dir;

  @Test
  void aLockedRunPrintsStatusLockedAndExitCodeThree() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      h.generate(20, 61);
      LeaseLock lock =
          new LeaseLock(
              h.storage().state().store(),
              h.storage().state().key(h.outputLayout().lockKey()),
              h.config().lock(),
              Clock.systemUTC());
      try (Lease held = lock.acquire("another-run", "elsewhere", "run")) {
        Cli cli = cli(h, "run", "--at", CompactorHarness.LAST_HOUR.toString());

        assertThat(cli.exitCode()).isEqualTo(3);
        JsonNode emf = cli.onlyEmfLine();
        assertThat(emf.get("Status").asText()).isEqualTo("locked");
        assertThat(emf.get("ExitCode").asInt()).isEqualTo(3);
        assertThat(emf.get("EventType").asText()).isEqualTo("clicks");
        assertThat(emf.get("PartitionsRebuilt").asInt()).isZero();
      }
    }
  }

  @Test
  void aRunRefusedByMaxBytesPrintsWhatItWouldHaveDone() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      h.generate(20, 62);

      Cli cli = cli(h, "run", "--at", CompactorHarness.LAST_HOUR.toString(), "--max-bytes", "1KB");

      assertThat(cli.exitCode()).isEqualTo(1);
      JsonNode emf = cli.onlyEmfLine();
      assertThat(emf.get("Status").asText()).isEqualTo("refused");
      assertThat(emf.get("ExitCode").asInt()).isEqualTo(1);
      assertThat(emf.get("PartitionsChanged").asInt())
          .isEqualTo(CompactorHarness.WINDOW_HOURS * CompactorHarness.BUCKETS);
    }
  }

  @Test
  void badUsageOfARunPrintsStatusUsageErrorAndExitCodeTwo() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      Cli cli = cli(h, "backfill", "--from", "2026-11-23T00");

      assertThat(cli.exitCode()).isEqualTo(2);
      assertThat(cli.onlyEmfLine().get("Status").asText()).isEqualTo("usage-error");
      assertThat(cli.onlyEmfLine().get("ExitCode").asInt()).isEqualTo(2);
    }
  }

  @Test
  void aCompletedRunCarriesItsExitCodeToo() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      h.generate(20, 63);
      h.run();

      Cli cli = cli(h, "run", "--at", CompactorHarness.LAST_HOUR.toString());

      assertThat(cli.exitCode()).isZero();
      assertThat(cli.onlyEmfLine().get("Status").asText()).isEqualTo("nothing-to-do");
      assertThat(cli.onlyEmfLine().get("ExitCode").asInt()).isZero();
    }
  }

  private record Cli(int exitCode, String stdout) {
    JsonNode onlyEmfLine() throws Exception {
      List<String> lines = new ArrayList<>();
      for (String line : stdout.split("\n")) {
        if (line.startsWith("{\"_aws\"")) {
          lines.add(line);
        }
      }
      assertThat(lines).as("EMF lines in:%n%s", stdout).hasSize(1);
      return EmfValidator.validate(lines.get(0));
    }
  }

  private static Cli cli(CompactorHarness h, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--config", h.configFile().toString(), "--event-type", CompactorHarness.EVENT_TYPE));
    int code =
        new Compactor(new PrintStream(out, true, StandardCharsets.UTF_8), System.err)
            .execute(all.toArray(String[]::new));
    return new Cli(code, out.toString(StandardCharsets.UTF_8));
  }
}
