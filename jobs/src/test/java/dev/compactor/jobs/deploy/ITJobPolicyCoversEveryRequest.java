package dev.compactor.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.domain.Window;
import dev.compactor.jobs.cli.Compactor;
import dev.compactor.jobs.it.CompactorHarness;
import dev.compactor.jobs.it.CompactorHarness.Backend;
import dev.compactor.store.ProxiedRequest;
import dev.compactor.store.S3LoopbackProxy;
import dev.compactor.store.S3Operation;
import dev.compactor.store.S3TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Least privilege, checked against what the job really does: every S3 request of run, backfill,
 * verify and status (recorded by the loopback proxy) maps to an IAM action and resource that {@code
 * submit/iam/job-policy.json}, rendered for the test's buckets and prefixes, allows.
 */
class ITJobPolicyCoversEveryRequest {

  private static final Map<String, String> ENV =
      Map.of(
          "ACCOUNT_ID", "123456789012",
          "REGION", "us-east-1",
          "KMS_KEY_ARN",
              "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
          "ARTIFACTS", "s3://deploy-artifacts/compactor",
          "S3_TABLE_BUCKET", "compactor-tables");

  @TempDir Path dir;

  @Test
  void everyRequestOfEveryCommandIsAllowedByTheJobPolicy() {
    S3TestServer server = S3TestServer.shared();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String in = "iam-in-" + suffix;
    String out = "iam-out-" + suffix;
    server.createBucket(in);
    server.createBucket(out);
    try (S3LoopbackProxy proxy = S3LoopbackProxy.inFrontOf(server);
        CompactorHarness h =
            CompactorHarness.create(Backend.S3, dir)
                .set("s3.endpoint", proxy.endpoint())
                .set("input.root", "s3a://" + in + "/raw")
                .set("output.root", "s3a://" + out + "/compacted")
                .set("state.root", "s3a://" + out + "/state")) {
      h.generate(Window.ending(CompactorHarness.LAST_HOUR, 3), 60, 41);
      Policy policy = renderJobPolicy(h.configFile());
      proxy.reset();

      assertThat(cli(h, "run", "--at", "2026-11-23T17", "--window-hours", "3")).isZero();
      assertThat(cli(h, "run", "--at", "2026-11-23T17", "--window-hours", "3")).isZero();
      assertThat(cli(h, "backfill", "--from", "2026-11-23T16", "--to", "2026-11-23T17", "--force"))
          .isZero();
      assertThat(cli(h, "verify", "--from", "2026-11-23T15", "--to", "2026-11-23T17")).isZero();
      assertThat(cli(h, "status", "--at", "2026-11-23T17")).isZero();

      List<ProxiedRequest> requests = proxy.requests();
      Set<String> used = new LinkedHashSet<>();
      List<String> denied = new ArrayList<>();
      for (ProxiedRequest r : requests) {
        String prefix = listPrefix(r);
        used.add(r.iamAction() + " " + r.bucket());
        if (!policy.allows(r.iamAction(), r.resourceArn(), prefix)) {
          denied.add(
              r
                  + " needs "
                  + r.iamAction()
                  + " on "
                  + r.resourceArn()
                  + " (s3:prefix "
                  + prefix
                  + ")");
        }
        if (!r.copySource().isEmpty()
            && !policy.allows("s3:GetObject", "arn:aws:s3:::" + r.copySource(), null)) {
          denied.add(r + " needs s3:GetObject on its copy source " + r.copySource());
        }
      }
      System.err.println("IAM actions used: " + used + " in " + requests.size() + " requests");
      assertThat(requests).hasSizeGreaterThan(50);
      assertThat(denied).as("requests the job policy does not allow").isEmpty();
      assertThat(requests)
          .as("a missing object answers 404 only with s3:ListBucket; the job reads none")
          .noneMatch(r -> r.status() == 404 && !r.key().isEmpty());
    }
  }

  /** A list request's s3:prefix; other requests have none in their IAM context. */
  private static String listPrefix(ProxiedRequest r) {
    return r.operation() == S3Operation.LIST ? r.listPrefix() : null;
  }

  private static Policy renderJobPolicy(Path config) {
    Scripts.Result result =
        Scripts.run(ENV, "bash", "submit/iam/render.sh", "job", config.toString());
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    return Policy.of(DeployFiles.parse(result.stdout()));
  }

  private static int cli(CompactorHarness h, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--config", h.configFile().toString(), "--event-type", "clicks"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new Compactor(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .execute(all.toArray(String[]::new));
    if (code != 0) {
      System.err.println(err.toString(StandardCharsets.UTF_8));
    }
    return code;
  }
}
