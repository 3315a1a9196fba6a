package dev.compactor.store;

import dev.compactor.config.S3Settings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * One S3 client per connection setting (endpoint, addressing, region) for the whole JVM.
 *
 * <p>A client owns a connection pool and threads, and Spark tasks open a store per task, so clients
 * are shared and live as long as the JVM; stores never close them. Credentials always come from the
 * AWS default chain (system properties {@code aws.accessKeyId}/{@code aws.secretAccessKey},
 * environment, profile, container or instance role), never from configuration.
 */
final class S3Clients {

  /**
   * Throttling (503 SlowDown) and 500s come in bursts on busy prefixes: retry longer than the SDK's
   * 3.
   */
  static final int MAX_ATTEMPTS = 8;

  private static final Map<Connection, S3Client> SHARED = new ConcurrentHashMap<>();

  private S3Clients() {}

  /** The shared client for {@code settings}, built on first use. */
  static S3Client shared(S3Settings settings) {
    return SHARED.computeIfAbsent(
        Connection.of(settings), c -> build(settings, DefaultCredentialsProvider.create()));
  }

  /** A new, unshared client; the caller closes it. Used where other credentials are needed. */
  static S3Client build(S3Settings settings, AwsCredentialsProvider credentials) {
    S3ClientBuilder builder =
        S3Client.builder()
            .credentialsProvider(credentials)
            .httpClientBuilder(
                ApacheHttpClient.builder()
                    // Executors run many tasks at once against one shared client.
                    .maxConnections(64)
                    .connectionTimeout(Duration.ofSeconds(10))
                    // Bounds a stalled connection; slow but moving transfers are unaffected.
                    .socketTimeout(Duration.ofSeconds(60)))
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder()
                            .maxAttempts(MAX_ATTEMPTS)
                            // A batch job would rather wait out a throttling storm than fail fast.
                            .circuitBreakerEnabled(false)
                            .build())
                    // One attempt moves at most one part or one single-part object (64 MiB).
                    .apiCallAttemptTimeout(Duration.ofMinutes(5))
                    .build());
    if (settings.region() != null && !settings.region().isBlank()) {
      builder.region(Region.of(settings.region()));
    }
    if (settings.hasEndpoint()) {
      builder.endpointOverride(URI.create(settings.endpoint()));
    }
    return builder.forcePathStyle(settings.pathStyle()).build();
  }

  /** What distinguishes one client from another; KMS and ETag settings do not. */
  private record Connection(String endpoint, boolean pathStyle, String region) {
    static Connection of(S3Settings s) {
      return new Connection(
          s.hasEndpoint() ? s.endpoint() : "", s.pathStyle(), s.region() == null ? "" : s.region());
    }
  }
}
