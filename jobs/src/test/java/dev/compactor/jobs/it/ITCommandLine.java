package dev.compactor.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.compactor.jobs.BuildInfo;
import dev.compactor.jobs.cli.Compactor;
import dev.compactor.jobs.it.CompactorHarness.Backend;
import dev.compactor.jobs.run.EmfValidator;
import dev.compactor.lock.Lease;
import dev.compactor.lock.LeaseLock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as users call it: output, exit codes and the metrics line, against the real S3 server.
 */
class ITCommandLine {

  @TempDir Path dir;

  private String stdout;
  private String stderr;

  @Test
  void planListsPartitionsThenRunCompactsAndPrintsValidEmf() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      h.generate(50, 21);

      assertThat(cli(h, "plan")).isZero();
      assertThat(stdout).contains("dt=2026-11-23 hr=17 bucket=3", "new", "6 file(s)");
      assertThat(h.outputObjects()).as("plan writes nothing").isEmpty();

      assertThat(cli(h, "run")).isZero();
      assertThat(stdout)
          .contains(
              "run clicks 2026-11-23T06..2026-11-23T17: succeeded (exit 0) - 48 partition(s)"
                  + " rebuilt");
      JsonNode emf = EmfValidator.validate(lastLine(stdout));
      assertThat(emf.get("PartitionsRebuilt").asLong()).isEqualTo(48);
      assertThat(emf.get("EventType").asText()).isEqualTo("clicks");
      assertThat(stderr).contains("compact clicks: 48/48 partitions");

      assertThat(cli(h, "run")).isZero();
      assertThat(stderr)
          .contains("nothing changed in clicks 2026-11-23T06..2026-11-23T17; Spark not started");
      assertThat(EmfValidator.validate(lastLine(stdout)).get("PartitionsRebuilt").asLong())
          .isZero();
    }
  }

  @Test
  void planShowsTheCostAndMaxBytesRefusesAnOversizedRun() {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      h.generate(50, 24);

      assertThat(cli(h, "plan")).isZero();
      assertThat(stderr)
          .containsPattern(
              "cost preview: [0-9.]+ MB to read; S3 requests LIST \\d+, GET \\d+, HEAD 1, PUT 110,"
                  + " DELETE 1; about \\$[0-9.]+");

      assertThat(cli(h, "run", "--max-bytes", "1KB")).isEqualTo(1);
      assertThat(stderr).contains("over the --max-bytes limit of 0.0 MB; nothing was changed");
      assertThat(h.outputObjects()).isEmpty();

      assertThat(cli(h, "run", "--max-bytes", "10GB")).isZero();
    }
  }

  @Test
  void badConfigurationExitsTwoNamingTheKey() {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      assertThat(cli(h, "run", "--set", "event-type.clicks.bukets=3")).isEqualTo(2);
      assertThat(stderr).contains("unknown configuration key(s) [event-type.clicks.bukets]");

      assertThat(cli(h, "compact")).isEqualTo(2);
      assertThat(stderr).contains("error: unknown command 'compact'; expected one of run, plan,");

      assertThat(cli(h, "run", "--at", "yesterday")).isEqualTo(2);
      assertThat(stderr).contains("'yesterday' is not an hour like 2026-11-23T17");
    }
  }

  @Test
  void aSecondWriterExitsThreeNamingTheHolder() {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      h.generate(20, 22);
      LeaseLock lock = h.runLock();
      try (Lease held = lock.acquire("backfill-abc123", "ops-host", "backfill")) {
        assertThat(cli(h, "run")).isEqualTo(3);
        assertThat(stderr).contains("locked by backfill-abc123 (backfill) on ops-host until");
      }
      assertThat(cli(h, "run")).as("runs once the lock is released").isZero();
    }
  }

  @Test
  void aZeroByteFileIsQuarantinedAndTheRunExitsFour() {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      h.generate(30, 23);
      String empty =
          h.storage().input().key("clicks/dt=2026-11-23/hr=12/bucket=01/empty file=é.avro");
      h.storage().input().store().put(empty, new byte[0]);

      assertThat(cli(h, "run")).isEqualTo(4);
      assertThat(stdout).contains("quarantined " + empty + ": zero-byte file");
      assertThat(cli(h, "run")).as("an unchanged bad file is not retried").isZero();
    }
  }

  @Test
  void planAndStatusPrintOneJsonDocumentEach() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      h.generate(50, 22);
      ObjectMapper json = new ObjectMapper();

      assertThat(cli(h, "plan", "--json")).isZero();
      JsonNode plan = json.readTree(stdout);
      assertThat(plan.get("formatVersion").asInt()).isEqualTo(1);
      assertThat(plan.get("compactorVersion").asText()).isEqualTo(BuildInfo.current().label());
      assertThat(plan.get("eventType").asText()).isEqualTo("clicks");
      assertThat(plan.at("/window/first").asText()).isEqualTo("2026-11-23T06");
      assertThat(plan.at("/window/hours").asInt()).isEqualTo(12);
      JsonNode partitions = plan.get("partitions");
      assertThat(partitions).hasSize(48);
      long files = 0;
      for (JsonNode p : partitions) {
        assertThat(p.get("reason").asText()).isEqualTo("new");
        assertThat(p.get("action").asText()).isEqualTo("rebuild");
        assertThat(p.get("avro").asText())
            .startsWith(h.config().outputRoot().toString())
            .endsWith(".avro");
        files += p.get("files").asLong();
      }
      assertThat(plan.at("/summary/toRebuild").asInt()).isEqualTo(48);
      assertThat(plan.at("/summary/reasons/new").asInt()).isEqualTo(48);
      assertThat(plan.at("/summary/filesToRead").asLong()).isEqualTo(files);
      assertThat(plan.at("/cost/requests/get").asLong()).as("no manifests yet").isEqualTo(files);
      assertThat(plan.at("/cost/usdTotal").asDouble()).isPositive();
      assertThat(h.outputObjects()).as("plan writes nothing").isEmpty();

      assertThat(cli(h, "run")).isZero();
      assertThat(EmfValidator.validate(lastLine(stdout)).get("CompactorVersion").asText())
          .isEqualTo(BuildInfo.current().label());

      assertThat(cli(h, "plan", "--json")).isZero();
      plan = json.readTree(stdout);
      assertThat(plan.at("/summary/toRebuild").asInt()).isZero();
      assertThat(plan.get("partitions")).hasSize(48);
      assertThat(plan.at("/partitions/0/action").asText()).isEqualTo("none");
      assertThat(plan.at("/partitions/0/reason").asText()).isEqualTo("unchanged");

      assertThat(cli(h, "status", "--json")).isZero();
      JsonNode status = json.readTree(stdout);
      assertThat(status.get("eventTypes")).hasSize(1);
      JsonNode clicks = status.at("/eventTypes/0");
      assertThat(clicks.get("eventType").asText()).isEqualTo("clicks");
      assertThat(clicks.get("hours")).hasSize(12);
      clicks
          .get("hours")
          .forEach(hour -> assertThat(hour.get("state").asText()).isEqualTo("compacted"));
      assertThat(clicks.at("/lastRun/status").asText()).isEqualTo("succeeded");
      assertThat(clicks.at("/lastRun/partitionsRebuilt").asInt()).isEqualTo(48);
      assertThat(clicks.at("/lastRun/compactorVersion").asText())
          .as("the run report names the build")
          .isEqualTo(BuildInfo.current().label());
      assertThat(clicks.get("late")).isEmpty();
    }
  }

  private int cli(CompactorHarness h, String command, String... extra) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> args =
        new ArrayList<>(
            List.of(command, "--config", h.configFile().toString(), "--event-type", "clicks"));
    if (!List.of(extra).contains("--at")) {
      args.addAll(List.of("--at", CompactorHarness.LAST_HOUR.toString()));
    }
    args.addAll(List.of(extra));
    int code =
        new Compactor(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .execute(args.toArray(String[]::new));
    stdout = out.toString(StandardCharsets.UTF_8);
    stderr = err.toString(StandardCharsets.UTF_8);
    return code;
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines[lines.length - 1];
  }
}
