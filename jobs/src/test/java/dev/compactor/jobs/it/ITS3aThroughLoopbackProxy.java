package dev.compactor.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.store.Fault;
import dev.compactor.store.FaultPlan;
import dev.compactor.store.ProxyTraffic;
import dev.compactor.store.S3LoopbackProxy;
import dev.compactor.store.S3Operation;
import dev.compactor.store.S3TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hadoop's s3a (what a spark-avro baseline writes with) works through the loopback proxy: signed
 * single and multipart uploads, reads, listings, renames (copy + delete), also with faults.
 */
class ITS3aThroughLoopbackProxy {

  private static final String BUCKET = "s3a-proxy-it";
  private static final int MIB = 1024 * 1024;

  private static S3TestServer server;
  private static S3LoopbackProxy proxy;

  @BeforeAll
  static void start() {
    server = S3TestServer.shared();
    server.createBucket(BUCKET);
    proxy = S3LoopbackProxy.inFrontOf(server);
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  @Test
  void writesReadsListsAndRenamesThroughTheProxy() throws IOException {
    proxy.faults(FaultPlan.none());
    proxy.reset();

    roundTrip("clean-" + UUID.randomUUID());

    ProxyTraffic traffic = proxy.traffic();
    assertThat(traffic.count(S3Operation.MULTIPART)).isGreaterThanOrEqualTo(4);
    assertThat(traffic.count(S3Operation.PUT)).isPositive();
    assertThat(traffic.count(S3Operation.GET)).isPositive();
    assertThat(traffic.count(S3Operation.LIST)).isPositive();
    assertThat(traffic.count(S3Operation.DELETE)).isPositive();
    assertThat(traffic.getBodyBytes()).isGreaterThanOrEqualTo(12L * MIB + 1000);
  }

  @Test
  void retriesThroughTenPercentFaults() throws IOException {
    proxy.faults(
        FaultPlan.none()
            .random(
                0.10,
                11,
                List.of(
                    Fault.SLOW_DOWN,
                    Fault.INTERNAL_ERROR,
                    Fault.CONNECTION_RESET,
                    Fault.RESPONSE_CUT,
                    Fault.DELAY)));
    proxy.reset();
    try {
      roundTrip("faults-" + UUID.randomUUID());
    } finally {
      proxy.faults(FaultPlan.none());
    }
    assertThat(proxy.traffic().totalFaults()).isPositive();
  }

  /** Writes a multipart and a small file, reads both back, lists, renames and deletes. */
  private static void roundTrip(String dir) throws IOException {
    byte[] big = bytes(12 * MIB, 1);
    byte[] small = bytes(1000, 2);
    try (FileSystem fs = FileSystem.newInstance(URI.create("s3a://" + BUCKET + "/"), s3a())) {
      Path root = new Path("s3a://" + BUCKET + "/" + dir);
      write(fs, new Path(root, "big.bin"), big);
      write(fs, new Path(root, "small.bin"), small);
      assertThat(read(fs, new Path(root, "big.bin"))).isEqualTo(big);
      assertThat(fs.listStatus(root)).hasSize(2);
      assertThat(fs.rename(new Path(root, "small.bin"), new Path(root, "moved.bin"))).isTrue();
      assertThat(read(fs, new Path(root, "moved.bin"))).isEqualTo(small);
      assertThat(fs.delete(root, true)).isTrue();
      assertThat(fs.exists(root)).isFalse();
    }
  }

  private static Configuration s3a() {
    Configuration conf = new Configuration();
    conf.set("fs.s3a.endpoint", proxy.endpoint());
    conf.set("fs.s3a.path.style.access", "true");
    conf.set("fs.s3a.connection.ssl.enabled", "false");
    conf.set("fs.s3a.endpoint.region", S3TestServer.REGION);
    conf.set(
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    conf.set("fs.s3a.access.key", server.accessKey());
    conf.set("fs.s3a.secret.key", server.secretKey());
    // 12 MiB goes up in three parts.
    conf.set("fs.s3a.multipart.size", "5M");
    conf.set("fs.s3a.multipart.threshold", "5M");
    conf.set("fs.s3a.retry.interval", "50ms");
    conf.set("fs.s3a.retry.throttle.interval", "50ms");
    return conf;
  }

  private static void write(FileSystem fs, Path path, byte[] content) throws IOException {
    try (OutputStream out = fs.create(path, true)) {
      out.write(content);
    }
  }

  private static byte[] read(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      return in.readAllBytes();
    }
  }

  private static byte[] bytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
