package dev.compactor.store;

import dev.compactor.config.S3Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * A real S3 API server for tests: S3Proxy with a filesystem backend in a temp directory, run as a
 * child process on 127.0.0.1 (it cannot share a JVM with Spark 4), checking SigV4 signatures
 * against a fixed test identity.
 *
 * <p>{@link #shared()} starts one server per test JVM and stops it when the JVM exits. Starting
 * also sets the system properties {@code aws.accessKeyId}/{@code aws.secretAccessKey}, so code
 * under test finds the credentials through the AWS default chain, exactly as in production.
 *
 * <p>The jar comes from the system property {@code s3proxy.jar} (set by the build), falling back to
 * {@code target/s3proxy/s3proxy.jar}, where the build's {@code s3proxy-jar} execution copies it.
 */
public final class S3TestServer implements AutoCloseable {

  public static final String ACCESS_KEY = "compactor-test-access-key";
  public static final String SECRET_KEY = "compactor-test-secret-key";
  public static final String REGION = "us-east-1";

  private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(60);
  private static final int START_ATTEMPTS = 3;

  private static S3TestServer shared;

  private final Process process;
  private final int port;
  private final Path workDir;
  private final Thread shutdownHook;
  private S3Client admin;

  private S3TestServer(Process process, int port, Path workDir) {
    this.process = process;
    this.port = port;
    this.workDir = workDir;
    this.shutdownHook =
        new Thread(
            () -> {
              stopProcess();
              deleteRecursively(workDir);
            },
            "s3-test-server-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** The server shared by every test in this JVM, started on first use. */
  public static synchronized S3TestServer shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  /** Starts a new server the caller closes. */
  public static S3TestServer start() {
    Path jar = locateJar();
    System.setProperty("aws.accessKeyId", ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", SECRET_KEY);
    IllegalStateException failure = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        return startOnce(jar);
      } catch (IllegalStateException e) {
        // The free port we picked can be taken before the server binds it; another port then.
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    throw failure;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public String accessKey() {
    return ACCESS_KEY;
  }

  public String secretKey() {
    return SECRET_KEY;
  }

  /** Settings that reach this server: path-style, us-east-1, MD5 ETags, no KMS. */
  public S3Settings s3Settings() {
    return new S3Settings(endpoint(), true, REGION, true, "");
  }

  /** Creates {@code name} unless it exists. */
  public synchronized void createBucket(String name) {
    try {
      admin().createBucket(r -> r.bucket(name));
    } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException e) {
      // Idempotent by design: test classes sharing the server may ask for the same bucket.
    }
  }

  /**
   * Sets the last-modified time the server reports for an object: the filesystem backend takes it
   * from the file's modification time. For tests of age rules, which cannot wait hours.
   */
  public void setLastModified(String bucket, String key, java.time.Instant when) {
    Path file = workDir.resolve("data").resolve(bucket).resolve(key);
    try {
      Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(when));
    } catch (IOException e) {
      throw new UncheckedIOException("backdating " + file, e);
    }
  }

  /**
   * Places an object in the filesystem backend directly, not through the S3 API: the server then
   * lists and heads it without an ETag, as some S3-compatible stores do.
   */
  public void plantWithoutEtag(String bucket, String key, byte[] content) {
    Path file = workDir.resolve("data").resolve(bucket).resolve(key);
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("planting " + file, e);
    }
  }

  /** A client with the server's credentials, owned by the server; do not close it. */
  public synchronized S3Client admin() {
    if (admin == null) {
      admin =
          S3Clients.build(
              s3Settings(),
              StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
    }
    return admin;
  }

  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close();
      admin = null;
    }
    stopProcess();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down and runs the hook itself.
    }
    deleteRecursively(workDir);
  }

  private static S3TestServer startOnce(Path jar) {
    try {
      Path workDir = Files.createTempDirectory("s3proxy-");
      int port = freePort();
      Path config = workDir.resolve("s3proxy.conf");
      Files.writeString(config, config(port, workDir.resolve("data")), StandardCharsets.UTF_8);
      Files.createDirectories(workDir.resolve("data"));
      Path log = workDir.resolve("s3proxy.log");
      ProcessBuilder builder =
          new ProcessBuilder(
                  javaBinary(),
                  "-Xmx256m",
                  "-jar",
                  jar.toString(),
                  "--properties",
                  config.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().put("LOG_LEVEL", "warn");
      S3TestServer server = new S3TestServer(builder.start(), port, workDir);
      try {
        server.awaitReady(log);
        return server;
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start S3Proxy: " + e.getMessage(), e);
    }
  }

  private static String config(int port, Path data) {
    return String.join(
        "\n",
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS_KEY,
        "s3proxy.credential=" + SECRET_KEY,
        "jclouds.provider=filesystem",
        "jclouds.identity=unused",
        "jclouds.credential=unused",
        "jclouds.filesystem.basedir=" + data,
        "");
  }

  /** Polls until the server answers HTTP (any status), the process dies or the deadline passes. */
  private void awaitReady(Path log) {
    long deadline = System.nanoTime() + STARTUP_DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "S3Proxy exited with " + process.exitValue() + " on port " + port + ":\n" + tail(log));
      }
      if (answers()) {
        return;
      }
      try {
        // Doubles as the poll interval and returns at once if the process dies.
        process.waitFor(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for S3Proxy", e);
      }
    }
    throw new IllegalStateException(
        "S3Proxy did not answer on port "
            + port
            + " within "
            + STARTUP_DEADLINE
            + ":\n"
            + tail(log));
  }

  private boolean answers() {
    try {
      HttpURLConnection connection =
          (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
      connection.setConnectTimeout(500);
      connection.setReadTimeout(2000);
      try {
        return connection.getResponseCode() > 0;
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  private void stopProcess() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static Path locateJar() {
    String property = System.getProperty("s3proxy.jar");
    List<Path> candidates =
        property == null || property.isBlank()
            ? List.of(Path.of("target", "s3proxy", "s3proxy.jar"))
            : List.of(Path.of(property), Path.of("target", "s3proxy", "s3proxy.jar"));
    return candidates.stream()
        .filter(Files::isRegularFile)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "S3Proxy jar not found at "
                        + candidates
                        + ": run `mvn generate-test-resources` (or `mvn verify`) so the build"
                        + " copies it there"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + dir, e);
    }
  }
}
