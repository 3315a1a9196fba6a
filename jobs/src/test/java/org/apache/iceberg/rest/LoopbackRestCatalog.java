package org.apache.iceberg.rest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Iceberg's reference REST catalog server (the {@code iceberg-open-api} test fixtures) in this JVM
 * on a loopback port, backed by a JDBC catalog in a SQLite file, with its warehouse on the S3 test
 * server. In Iceberg's package because the server's constructor is package-private.
 */
public final class LoopbackRestCatalog implements AutoCloseable {

  private final RESTCatalogServer server;
  private final int port;

  private LoopbackRestCatalog(RESTCatalogServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * @param warehouse e.g. {@code s3://bucket/warehouse}
   * @param fileIo the S3FileIO properties (endpoint, path style, region, credentials)
   * @param dir where the catalog's SQLite file goes
   */
  public static LoopbackRestCatalog start(String warehouse, Map<String, String> fileIo, Path dir)
      throws Exception {
    IOException last = null;
    // A free port can be taken between finding it and binding it: try a few.
    for (int attempt = 0; attempt < 5; attempt++) {
      int port = freePort();
      Map<String, String> properties = new HashMap<>(fileIo);
      properties.put("warehouse", warehouse);
      properties.put("catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog");
      // A file, not :memory:, which gives each pooled connection its own empty database.
      properties.put("uri", "jdbc:sqlite:file:" + dir.resolve("catalog-" + port + ".db"));
      properties.put("jdbc.schema-version", "V1");
      properties.put(RESTCatalogServer.REST_PORT, String.valueOf(port));
      RESTCatalogServer server = new RESTCatalogServer(properties);
      try {
        server.start(false);
        return new LoopbackRestCatalog(server, port);
      } catch (IOException e) {
        server.stop();
        last = e;
      }
    }
    throw last;
  }

  public String uri() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
