package dev.compactor.jobs.it;

import static dev.compactor.jobs.it.OutputAssertions.assertOutputsMatch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.compactor.domain.Hour;
import dev.compactor.domain.InputFile;
import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Reason;
import dev.compactor.domain.Window;
import dev.compactor.jobs.cli.Compactor;
import dev.compactor.jobs.it.CompactorHarness.Backend;
import dev.compactor.jobs.run.ExitCode;
import dev.compactor.jobs.run.RunOutcome;
import dev.compactor.layout.Layout;
import dev.compactor.manifest.HourManifest;
import dev.compactor.manifest.ManifestCodec;
import dev.compactor.manifest.PartitionEntry;
import dev.compactor.plan.Fingerprints;
import dev.compactor.plan.PartitionWork;
import dev.compactor.store.KmsEtags;
import dev.compactor.store.ObjectInfo;
import dev.compactor.store.ObjectStore;
import dev.compactor.store.ProxiedRequest;
import dev.compactor.store.S3LoopbackProxy;
import dev.compactor.store.S3Operation;
import dev.compactor.store.S3TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs encrypted with SSE-KMS (or SSE-C) under the default {@code s3.etag-is-md5=true}: their
 * ETags are 32 hex digits but not their MD5. The run's S3 traffic, planning and Spark tasks alike,
 * goes through the loopback proxy, which shows the inputs' ETags as S3 does for such objects.
 */
class ITKmsEtags {

  private static final Window HOURS = Window.ending(CompactorHarness.LAST_HOUR, 3);
  private static final int PARTITIONS = 3 * CompactorHarness.BUCKETS;
  private static final int EVENTS_PER_HOUR = 60;
  private static final String NOTICE =
      "input file(s) have ETags that are not their MD5 (SSE-KMS or SSE-C)";

  private static S3LoopbackProxy proxy;

  @TempDir Path dir;

  @BeforeAll
  static void startProxy() {
    proxy = S3LoopbackProxy.inFrontOf(S3TestServer.shared());
  }

  @AfterAll
  static void stopProxy() {
    proxy.close();
  }

  @AfterEach
  void realEtags() {
    proxy.realEtags();
  }

  @Test
  void kmsEtagsAreDetectedByTheFirstRunSaidOnceKeptInTheManifestsAndNeverReadAgain()
      throws Exception {
    try (CompactorHarness h = harness()) {
      h.generate(HOURS, EVENTS_PER_HOUR, 81);
      var expected = ExpectedOutput.of(h, readerSchema(h), false);
      proxy.kmsEtags(h.config().inputRoot().bucket(), h.config().inputRoot().prefix() + "/");
      Map<String, ObjectInfo> inputs = listedInputs(h);
      assertThat(inputs.values())
          .allMatch(
              o -> o.etag().equals(KmsEtags.kmsEtag(trueMd5(h, o.key()))),
              "listed with a KMS ETag");

      Cli first = Cli.run(h);
      System.err.println("first run printed:\n" + first.stdout());

      JsonNode report = lastRunReport(h);
      assertThat(report.get("errors")).as("partition errors").isEmpty();
      assertThat(first.exit()).as(first.stderr()).isEqualTo(ExitCode.DONE.code());
      assertThat(first.stdout())
          .contains("succeeded (exit 0) - " + PARTITIONS + " partition(s) rebuilt");
      assertThat(occurrences(first.stdout() + first.stderr(), NOTICE))
          .as("notice lines")
          .isEqualTo(1);
      assertThat(first.stdout()).contains(inputs.size() + " " + NOTICE);
      assertThat(report.get("totals").get("filesEtagNotMd5").asLong()).isEqualTo(inputs.size());
      assertOutputsMatch(h, expected);
      assertManifestsRecordTheTrueMd5s(h, inputs);
      Map<String, String> outputs = outputMd5s(h);

      proxy.reset();
      RunOutcome second = h.run();

      assertThat(second.exitCode()).isEqualTo(ExitCode.DONE);
      assertThat(second.plan().partitions())
          .hasSize(PARTITIONS)
          .allMatch(w -> w.reason() == Reason.UNCHANGED);
      assertThat(second.sparkStarted()).isFalse();
      assertThat(second.report().scan().md5Computed()).isZero();
      assertThat(inputRequests(h)).as("input objects read or checked").isEmpty();

      // The outputs are those the same inputs give with MD5 ETags: nothing in them shows the
      // detour.
      h.deleteManifests();
      proxy.realEtags();
      RunOutcome withMd5Etags = h.run();

      assertThat(withMd5Etags.plan().rewrites()).hasSize(PARTITIONS);
      assertThat(withMd5Etags.report().totals().filesEtagNotMd5()).isZero();
      assertThat(outputMd5s(h)).as("outputs by MD5, KMS ETags or not").isEqualTo(outputs);
    }
  }

  @Test
  void aFileReplacedWhileTheRunReadsItStillFailsItsPartition() throws Exception {
    try (CompactorHarness h = harness()) {
      h.generate(HOURS, EVENTS_PER_HOUR, 82);
      proxy.kmsEtags(h.config().inputRoot().bucket(), h.config().inputRoot().prefix() + "/");
      PartitionId partition = new PartitionId(CompactorHarness.LAST_HOUR, 1);
      List<ObjectInfo> files = h.inputFiles(partition);
      ReplaceAfterList racing =
          new ReplaceAfterList(h.storage().input().store(), files.get(0).key(), files.get(1).key());

      RunOutcome first = h.runListingThrough(racing);

      assertThat(racing.replaced()).isTrue();
      assertThat(first.exitCode()).isEqualTo(ExitCode.FAILED);
      assertThat(first.report().errors())
          .singleElement()
          .asString()
          .contains(
              h.storage().input().store().uri(files.get(0).key()), "changed while the run read it");
      assertThat(h.outputObjects())
          .as("the failed partition is not committed")
          .doesNotContainKey(h.outputKey(Layout.AVRO, partition));
      assertThat(first.report().totals().filesEtagNotMd5())
          .isEqualTo(listedInputs(h).size() - files.size());

      RunOutcome second = h.run();

      assertThat(second.exitCode()).isEqualTo(ExitCode.DONE);
      assertThat(second.plan().rewrites())
          .extracting(PartitionWork::partition)
          .containsExactly(partition);
      assertOutputsMatch(h, ExpectedOutput.of(h, readerSchema(h), false));
    }
  }

  /** The harness with every S3 request, the Spark tasks' too, sent through the proxy. */
  private CompactorHarness harness() {
    return CompactorHarness.create(Backend.S3, dir).set("s3.endpoint", proxy.endpoint());
  }

  /**
   * Every input of every manifest has the listed (KMS) ETag and the MD5 of its bytes, and every
   * partition's fingerprint is over those MD5s.
   */
  private static void assertManifestsRecordTheTrueMd5s(
      CompactorHarness h, Map<String, ObjectInfo> listed) {
    int recorded = 0;
    String settings = Fingerprints.settings(h.eventType());
    for (Hour hour : HOURS.hours()) {
      String key = h.storage().state().key(h.outputLayout().manifestKey(hour));
      HourManifest manifest = ManifestCodec.decode(h.storage().state().store().readAll(key), key);
      for (PartitionEntry entry : manifest.partitions()) {
        for (InputFile file : entry.inputs()) {
          assertThat(file.etag()).as(file.key()).isEqualTo(listed.get(file.key()).etag());
          assertThat(file.md5()).as(file.key()).isEqualTo(trueMd5(h, file.key()));
          recorded++;
        }
        assertThat(entry.fingerprint()).isEqualTo(Fingerprints.partition(settings, entry.inputs()));
      }
    }
    assertThat(recorded).isEqualTo(listed.size());
  }

  /** The window's inputs as a listing through the proxy shows them. */
  private static Map<String, ObjectInfo> listedInputs(CompactorHarness h) {
    Map<String, ObjectInfo> inputs = new TreeMap<>();
    for (Hour hour : HOURS.hours()) {
      for (int bucket = 0; bucket < CompactorHarness.BUCKETS; bucket++) {
        h.inputFiles(new PartitionId(hour, bucket)).forEach(o -> inputs.put(o.key(), o));
      }
    }
    return inputs;
  }

  /** Requests on input objects (GET or HEAD) since the proxy's last reset. */
  private static List<ProxiedRequest> inputRequests(CompactorHarness h) {
    String prefix = h.config().inputRoot().prefix() + "/";
    return proxy.requests().stream()
        .filter(r -> r.operation() == S3Operation.GET || r.operation() == S3Operation.HEAD)
        .filter(r -> r.key().startsWith(prefix))
        .toList();
  }

  private static String trueMd5(CompactorHarness h, String key) {
    return md5(h.storage().input().store().readAll(key));
  }

  private static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode lastRunReport(CompactorHarness h) throws Exception {
    ObjectStore state = h.storage().state().store();
    String prefix = h.storage().state().key("_runs/" + CompactorHarness.EVENT_TYPE) + "/";
    List<ObjectInfo> reports = state.list(prefix);
    assertThat(reports).as("run reports").hasSize(1);
    return ManifestCodec.mapper().readTree(state.readAll(reports.get(0).key()));
  }

  /** Every output object's key and the MD5 of its bytes. */
  private static Map<String, String> outputMd5s(CompactorHarness h) {
    Map<String, String> md5s = new TreeMap<>();
    h.outputObjects().keySet().forEach(k -> md5s.put(k, md5(h.readOutput(k))));
    return md5s;
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }

  private static Schema readerSchema(CompactorHarness h) {
    return h.eventType().schema();
  }

  /** One {@code compactor run} of the harness's window, in this JVM, with what it printed. */
  private record Cli(int exit, String stdout, String stderr) {

    static Cli run(CompactorHarness h) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      String[] args = {
        "run",
        "--config",
        h.configFile().toString(),
        "--event-type",
        CompactorHarness.EVENT_TYPE,
        "--at",
        CompactorHarness.LAST_HOUR.toString()
      };
      int exit =
          new Compactor(
                  new PrintStream(out, true, StandardCharsets.UTF_8),
                  new PrintStream(err, true, StandardCharsets.UTF_8))
              .execute(args);
      return new Cli(
          exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }
}
