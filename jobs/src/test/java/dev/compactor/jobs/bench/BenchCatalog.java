package dev.compactor.jobs.bench;

import dev.compactor.jobs.table.IcebergCatalog;
import dev.compactor.store.ProxiedRequest;
import dev.compactor.store.S3LoopbackProxy;
import dev.compactor.store.S3TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.LoopbackRestCatalog;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;

/**
 * The Iceberg REST catalog of the {@code ours-iceberg} contestant: Iceberg's reference server on
 * loopback in the harness JVM, started once beside the S3 server, with a counting proxy in front.
 *
 * <p>Its warehouse is on the same S3 server <em>through the S3 counting proxy</em>: the metadata
 * files the catalog itself writes and reads for a commit are S3 traffic the commit causes, so they
 * are counted in the row of the run that asked for the commit (the catalog does nothing between
 * runs), and they pay the same proxy hop as the job's own requests. The catalog's HTTP requests go
 * through a second loopback proxy, used only to count them.
 *
 * <p>Before the first measurement a throwaway table is created, committed to and dropped, so the
 * first measured run does not pay the server's one-time set-up (its S3 client, the SQLite pool,
 * Jetty's first requests), which a long-lived catalog has paid long before.
 */
final class BenchCatalog implements AutoCloseable {

  private static final Namespace WARM_UP = Namespace.of("bench_warm_up");

  private final LoopbackRestCatalog server;
  private final S3LoopbackProxy counter;

  private BenchCatalog(LoopbackRestCatalog server, S3LoopbackProxy counter) {
    this.server = server;
    this.counter = counter;
  }

  /**
   * Starts the catalog with its warehouse at {@code warehouse} (an {@code s3://} URI whose bucket
   * is created here), reaching the S3 server through {@code s3}; its SQLite file goes in {@code
   * dir}.
   */
  static BenchCatalog start(S3TestServer server, S3LoopbackProxy s3, String warehouse, Path dir) {
    server.createBucket(warehouse.substring("s3://".length()).split("/")[0]);
    Map<String, String> fileIo = new HashMap<>(IcebergCatalog.fileIo(s3.s3Settings()));
    fileIo.put("s3.access-key-id", S3TestServer.ACCESS_KEY);
    fileIo.put("s3.secret-access-key", S3TestServer.SECRET_KEY);
    LoopbackRestCatalog catalog;
    try {
      catalog = LoopbackRestCatalog.start(warehouse, fileIo, dir);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the benchmark's Iceberg REST catalog", e);
    }
    BenchCatalog started = new BenchCatalog(catalog, S3LoopbackProxy.inFrontOf(catalog.uri()));
    try {
      started.warmUp(fileIo);
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
    return started;
  }

  /** The catalog's URI for {@code iceberg.catalog-uri}: the counting proxy in front of it. */
  String uri() {
    return counter.endpoint();
  }

  /** Clears the request counts. */
  void reset() {
    counter.reset();
  }

  /**
   * Catalog requests since the last {@link #reset()}, by HTTP method (GET: configuration and table
   * loads; HEAD: existence checks; POST: creates and commits; DELETE: drops), except that the scan
   * and commit reports the client posts after each scan and commit count as REPORT.
   */
  Map<String, Long> requests() {
    Map<String, Long> byKind = new LinkedHashMap<>();
    for (String kind : List.of("GET", "HEAD", "POST", "REPORT", "DELETE")) {
      byKind.put(kind, 0L);
    }
    for (ProxiedRequest r : counter.requests()) {
      boolean report = r.method().equals("POST") && r.key().endsWith("/metrics");
      byKind.merge(report ? "REPORT" : r.method(), 1L, Long::sum);
    }
    return byKind;
  }

  /** Create, commit, load and drop a table of one column, through the counting proxy. */
  private void warmUp(Map<String, String> fileIo) {
    Map<String, String> properties = new HashMap<>(fileIo);
    properties.put("uri", uri());
    try (RESTCatalog client = new RESTCatalog()) {
      client.initialize("bench-warm-up", properties);
      client.createNamespace(WARM_UP);
      TableIdentifier id = TableIdentifier.of(WARM_UP, "t");
      Schema schema = new Schema(Types.NestedField.required(1, "id", Types.LongType.get()));
      Table table =
          client.buildTable(id, schema).withPartitionSpec(PartitionSpec.unpartitioned()).create();
      table.newAppend().commit();
      client.loadTable(id).refresh();
      client.dropTable(id, true);
      client.dropNamespace(WARM_UP);
    } catch (IOException e) {
      throw new UncheckedIOException("closing the catalog warm-up client", e);
    }
    counter.reset();
  }

  @Override
  public void close() {
    counter.close();
    try {
      server.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the benchmark's Iceberg REST catalog", e);
    }
  }
}
