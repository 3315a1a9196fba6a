package dev.compactor.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.domain.Window;
import dev.compactor.jobs.it.CompactorHarness.Backend;
import dev.compactor.jobs.run.ExitCode;
import dev.compactor.jobs.run.RunOutcome;
import dev.compactor.store.Fault;
import dev.compactor.store.FaultPlan;
import dev.compactor.store.ProxyTraffic;
import dev.compactor.store.S3LoopbackProxy;
import dev.compactor.store.S3TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The job against an S3 that fails: every request goes through a loopback proxy that injects S3
 * errors, dropped connections and delays, or denies a permission. Inputs in one bucket, outputs and
 * state in another; three hours of four buckets.
 */
class ITS3Faults {

  private static final Window HOURS = Window.ending(CompactorHarness.LAST_HOUR, 3);
  private static final int EVENTS_PER_HOUR = 120;

  /** 10% of requests, each fault kind equally likely. */
  static final double FAULT_RATE = 0.10;

  static final List<Fault> MIXED_FAULTS =
      List.of(
          Fault.SLOW_DOWN,
          Fault.INTERNAL_ERROR,
          Fault.CONNECTION_RESET,
          Fault.RESPONSE_CUT,
          Fault.DELAY);

  private static S3TestServer server;
  private static S3LoopbackProxy proxy;

  @TempDir Path dir;

  private String inBucket;
  private String outBucket;

  @BeforeAll
  static void startProxy() {
    server = S3TestServer.shared();
    proxy = S3LoopbackProxy.inFrontOf(server);
  }

  @AfterAll
  static void stopProxy() {
    proxy.close();
  }

  @Test
  void tenPercentMixedFaultsLeaveOutputsAndManifestsIdenticalToACleanRun() {
    try (CompactorHarness h = harness()) {
      h.generate(HOURS, EVENTS_PER_HOUR, 31);
      RunOutcome clean = h.run();
      assertThat(clean.exitCode()).isEqualTo(ExitCode.DONE);
      Map<String, String> reference = outputsAndManifests(clean.report().runId());
      assertThat(reference).hasSize(3 * CompactorHarness.BUCKETS * 2 + 3);
      emptyBucket(outBucket);

      proxy.reset();
      proxy.faults(FaultPlan.none().random(FAULT_RATE, 7, MIXED_FAULTS));
      RunOutcome faulty;
      try {
        faulty = h.run();
      } finally {
        proxy.faults(FaultPlan.none());
      }

      ProxyTraffic traffic = proxy.traffic();
      System.err.println(
          "S3 faults injected: "
              + traffic.faults()
              + " in "
              + traffic.totalRequests()
              + " requests "
              + traffic.requestsInOrder());
      assertThat(traffic.totalFaults()).isGreaterThanOrEqualTo(5);
      assertThat(faulty.exitCode()).isEqualTo(ExitCode.DONE);
      assertThat(faulty.report().errors()).isEmpty();
      assertThat(outputsAndManifests(faulty.report().runId())).isEqualTo(reference);
    }
  }

  @Test
  void deniedPutOnOneHoursOutputsExitsOneNamingBucketPermissionAndFixAndCommitsOnlyTheOtherHours()
      throws Exception {
    try (CompactorHarness h = harness()) {
      h.generate(HOURS, EVENTS_PER_HOUR, 32);
      proxy.faults(
          FaultPlan.none()
              .always(
                  r ->
                      r.bucket().equals(outBucket)
                          && r.iamAction().equals("s3:PutObject")
                          && r.key().contains("/hr=17/"),
                  Fault.ACCESS_DENIED));
      int exit;
      try {
        Process cli = h.startCli("run", "--at", "2026-11-23T17", "--window-hours", "3");
        assertThat(cli.waitFor(3, TimeUnit.MINUTES)).as("the CLI finished").isTrue();
        exit = cli.exitValue();
      } finally {
        proxy.faults(FaultPlan.none());
      }
      String log = Files.readString(h.lastCliLog(), StandardCharsets.UTF_8);

      assertThat(exit).as(log).isEqualTo(1);
      assertThat(log)
          .contains(
              "Access denied: cannot write s3a://"
                  + outBucket
                  + "/compacted/avro/clicks/dt=2026-11-23/hr=17/",
              "need s3:PutObject on arn:aws:s3:::"
                  + outBucket
                  + "/compacted/avro/clicks/dt=2026-11-23/hr=17/",
              "Fix: grant it to the role the job runs as (submit/iam/job-policy.json");
      Map<String, String> state = outputsAndManifests("");
      assertThat(state).containsKeys(manifest(15), manifest(16)).doesNotContainKey(manifest(17));
      assertThat(state.keySet()).noneMatch(k -> k.contains("/hr=17/"));

      RunOutcome next = h.run();
      assertThat(next.exitCode()).isEqualTo(ExitCode.DONE);
      assertThat(next.plan().rewrites()).hasSize(CompactorHarness.BUCKETS);
      assertThat(outputsAndManifests("")).containsKey(manifest(17));
    }
  }

  private CompactorHarness harness() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    inBucket = "faults-in-" + suffix;
    outBucket = "faults-out-" + suffix;
    server.createBucket(inBucket);
    server.createBucket(outBucket);
    return CompactorHarness.create(Backend.S3, dir)
        .set("s3.endpoint", proxy.endpoint())
        .set("input.root", "s3a://" + inBucket + "/raw")
        .set("output.root", "s3a://" + outBucket + "/compacted")
        .set("state.root", "s3a://" + outBucket + "/state");
  }

  private static String manifest(int hour) {
    return "state/clicks/dt=2026-11-23/hr=" + hour + ".json";
  }

  /**
   * Every output object (by MD5) and manifest (its text, the run ID replaced) in the output bucket,
   * read straight from the server, not through the proxy.
   */
  private Map<String, String> outputsAndManifests(String runId) {
    S3Client s3 = server.admin();
    Map<String, String> objects = new TreeMap<>();
    for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(outBucket)).contents()) {
      if (o.key().startsWith("state/_")) {
        continue; // run reports and the lock differ by run by design
      }
      byte[] bytes = s3.getObjectAsBytes(r -> r.bucket(outBucket).key(o.key())).asByteArray();
      objects.put(
          o.key(),
          o.key().startsWith("state/")
              ? new String(bytes, StandardCharsets.UTF_8)
                  .replace(runId.isEmpty() ? "\u0000" : runId, "<run>")
              : md5(bytes));
    }
    return objects;
  }

  private static void emptyBucket(String bucket) {
    S3Client s3 = server.admin();
    for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents()) {
      s3.deleteObject(r -> r.bucket(bucket).key(o.key()));
    }
  }

  private static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
