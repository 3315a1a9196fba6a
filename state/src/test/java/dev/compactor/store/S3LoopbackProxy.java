package dev.compactor.store;

import dev.compactor.config.S3Settings;
import dev.compactor.store.HttpMessageHead.Framing;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * An HTTP/1.1 forwarding proxy on 127.0.0.1 in front of an S3 API server (normally {@link
 * S3TestServer}): point a client's S3 endpoint at {@link #endpoint()} and every request goes
 * through it.
 *
 * <p>Requests are forwarded byte for byte, Host header included, so SigV4 signatures (computed by
 * the client for the proxy's host:port) still verify upstream. It counts requests by {@link
 * S3Operation} and GET body bytes ({@link #traffic()}), records every request with its headers and,
 * for a POST, its body ({@link #requests()}), and injects the faults its {@link FaultPlan} decides:
 * S3 error answers, connection resets before or in the middle of a response, and delays. With
 * {@link #kmsEtags} it shows the objects under a prefix as SSE-KMS shows them: ETags not their MD5.
 *
 * <p>Clients must use path-style addressing over plain HTTP. A request with {@code Expect:
 * 100-continue} gets its {@code 100 Continue} from the proxy, which then streams the body upstream.
 */
public final class S3LoopbackProxy implements AutoCloseable {

  /** Reuse an upstream connection only if it idled less than this (the server may drop it). */
  private static final long UPSTREAM_IDLE_NANOS = 1_000_000_000L;

  private final InetSocketAddress upstream;
  private final ServerSocket listener;
  private final ExecutorService connections;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong requestIds = new AtomicLong();
  private volatile FaultPlan plan = FaultPlan.none();
  private volatile Optional<KmsEtags> kms = Optional.empty();

  private final Object statsLock = new Object();
  private final List<ProxiedRequest> requests = new ArrayList<>();
  private final Map<S3Operation, Long> counts = new EnumMap<>(S3Operation.class);
  private final Map<Fault, Long> faults = new EnumMap<>(Fault.class);
  private long getBodyBytes;
  private long generation;

  private S3LoopbackProxy(InetSocketAddress upstream) throws IOException {
    this.upstream = upstream;
    this.listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    this.connections =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "s3-loopback-proxy");
              t.setDaemon(true);
              return t;
            });
    Thread acceptor = new Thread(this::acceptLoop, "s3-loopback-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts a proxy in front of {@code server}; the caller closes it. */
  public static S3LoopbackProxy inFrontOf(S3TestServer server) {
    return inFrontOf(server.endpoint());
  }

  /** Starts a proxy in front of the S3 endpoint {@code http://host:port}. */
  public static S3LoopbackProxy inFrontOf(String endpoint) {
    URI uri = URI.create(endpoint);
    try {
      return new S3LoopbackProxy(new InetSocketAddress(uri.getHost(), uri.getPort()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the S3 loopback proxy: " + e.getMessage(), e);
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + listener.getLocalPort();
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Settings that reach the server through this proxy: path-style, us-east-1, MD5 ETags. */
  public S3Settings s3Settings() {
    return new S3Settings(endpoint(), true, S3TestServer.REGION, true, "");
  }

  /** Replaces the fault plan for requests from now on. */
  public S3LoopbackProxy faults(FaultPlan plan) {
    this.plan = plan;
    return this;
  }

  /**
   * From now on the objects under {@code keyPrefix} in {@code bucket} show ETags that are not their
   * MD5, as under SSE-KMS (see {@link KmsEtags}); until {@link #realEtags()}.
   */
  public S3LoopbackProxy kmsEtags(String bucket, String keyPrefix) {
    this.kms = Optional.of(new KmsEtags(bucket, keyPrefix));
    return this;
  }

  /** Every object shows the server's own ETag again. */
  public S3LoopbackProxy realEtags() {
    this.kms = Optional.empty();
    return this;
  }

  /** Counts since the last {@link #reset()}. */
  public ProxyTraffic traffic() {
    synchronized (statsLock) {
      return new ProxyTraffic(counts, getBodyBytes, faults);
    }
  }

  /** Every request since the last {@link #reset()}, in arrival order. */
  public List<ProxiedRequest> requests() {
    synchronized (statsLock) {
      return List.copyOf(requests);
    }
  }

  /** Clears counts and recorded requests (the fault plan stays). */
  public void reset() {
    synchronized (statsLock) {
      requests.clear();
      counts.clear();
      faults.clear();
      getBodyBytes = 0;
      generation++;
    }
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      // Closing anyway; nothing to clean up beyond the connections below.
    }
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    connections.shutdownNow();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        open.add(client);
        connections.execute(() -> serve(client));
      } catch (IOException e) {
        if (!listener.isClosed()) {
          System.err.println("S3 loopback proxy: accept failed: " + e);
        }
      }
    }
  }

  /** Serves one client connection: one request after another while both sides keep it alive. */
  private void serve(Socket client) {
    Upstream up = new Upstream();
    try {
      client.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream out = new BufferedOutputStream(client.getOutputStream());
      boolean keepAlive = true;
      while (keepAlive) {
        HttpMessageHead head = HttpMessageHead.read(in);
        if (head == null) {
          break;
        }
        keepAlive = handle(head, client, in, out, up);
      }
    } catch (IOException e) {
      // The client went away or an injected reset ended the exchange: nothing to answer.
    } finally {
      up.close();
      closeQuietly(client);
      open.remove(client);
    }
  }

  /** Handles and records one request; returns whether the client connection stays open. */
  private boolean handle(
      HttpMessageHead head, Socket client, InputStream in, OutputStream out, Upstream up)
      throws IOException {
    ProxiedRequest request = ProxiedRequest.of(head.first(), head.second(), head.headers());
    FaultPlan current = plan;
    Optional<Fault> fault = current.decide(request);
    Slot slot = record(request.withFault(fault));
    return handle(request.withFault(fault), current, head, client, in, out, up, slot);
  }

  private boolean handle(
      ProxiedRequest request,
      FaultPlan current,
      HttpMessageHead head,
      Socket client,
      InputStream in,
      OutputStream out,
      Upstream up,
      Slot slot)
      throws IOException {
    Optional<Fault> fault = request.fault();
    boolean expectsContinue = head.hasToken("Expect", "100-continue");
    if (fault.isPresent() && fault.get().answersWithError()) {
      // With Expect, answering at once tells the client not to send the body; else drain it.
      if (!expectsContinue) {
        copyRequestBody(request, head, in, OutputStream.nullOutputStream(), slot);
      }
      answered(slot, fault.get().status);
      out.write(errorResponse(fault.get(), request));
      out.flush();
      return false;
    }
    if (fault.equals(Optional.of(Fault.CONNECTION_RESET))) {
      if (!expectsContinue) {
        copyRequestBody(request, head, in, OutputStream.nullOutputStream(), slot);
      }
      reset(client);
      return false;
    }
    if (fault.equals(Optional.of(Fault.DELAY))) {
      pause(current);
    }
    Socket server = up.connection(upstream);
    OutputStream toServer = new BufferedOutputStream(server.getOutputStream());
    InputStream fromServer = up.input();
    toServer.write(head.raw());
    if (expectsContinue) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }
    copyRequestBody(request, head, in, toServer, slot);
    toServer.flush();
    HttpMessageHead response = HttpMessageHead.read(fromServer);
    // The proxy already sent its own 100 Continue; drop the server's interim answers.
    while (response != null && response.status() / 100 == 1) {
      response = HttpMessageHead.read(fromServer);
    }
    if (response == null) {
      throw new IOException("Upstream closed without answering " + request);
    }
    Framing framing = response.responseFraming(request.method());
    if (fault.equals(Optional.of(Fault.RESPONSE_CUT))) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      response.copyBody(framing, fromServer, body);
      up.release(response, request.method());
      answered(slot, response.status());
      out.write(response.raw());
      out.write(body.toByteArray(), 0, body.size() / 2);
      out.flush();
      reset(client);
      return false;
    }
    answered(slot, response.status());
    Optional<KmsEtags> etags = kms.filter(k -> k.rewrites(request));
    long bodyBytes;
    if (etags.isPresent()) {
      bodyBytes = etags.get().relay(request, response, framing, fromServer, out);
    } else {
      out.write(response.raw());
      bodyBytes = response.copyBody(framing, fromServer, out);
    }
    out.flush();
    if (request.operation() == S3Operation.GET) {
      synchronized (statsLock) {
        getBodyBytes += bodyBytes;
      }
    }
    up.release(response, request.method());
    return framing != Framing.UNTIL_CLOSE
        && !head.hasToken("Connection", "close")
        && !response.hasToken("Connection", "close");
  }

  /** Where a recorded request sits, so its status can be filled in once it is known. */
  private record Slot(long generation, int index) {}

  /** Records a request as it arrives, so counts are complete before the client gets an answer. */
  private Slot record(ProxiedRequest request) {
    synchronized (statsLock) {
      requests.add(request);
      counts.merge(request.operation(), 1L, Long::sum);
      request.fault().ifPresent(f -> faults.merge(f, 1L, Long::sum));
      return new Slot(generation, requests.size() - 1);
    }
  }

  /** Fills in the status before the answer is relayed (a reset in between clears the slot). */
  private void answered(Slot slot, int status) {
    update(slot, r -> r.withStatus(status));
  }

  private void update(Slot slot, UnaryOperator<ProxiedRequest> change) {
    synchronized (statsLock) {
      if (slot.generation() == generation) {
        requests.set(slot.index(), change.apply(requests.get(slot.index())));
      }
    }
  }

  /**
   * Copies the request body to {@code out}. A POST's body (S3's XML control messages, such as the
   * part list of a CompleteMultipartUpload) is small and is recorded too; object data is not kept.
   */
  private void copyRequestBody(
      ProxiedRequest request, HttpMessageHead head, InputStream in, OutputStream out, Slot slot)
      throws IOException {
    if (!"POST".equals(request.method())) {
      head.copyBody(head.requestFraming(), in, out);
      return;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    head.copyBody(head.requestFraming(), in, body);
    body.writeTo(out);
    update(slot, r -> r.withBody(body.toString(StandardCharsets.UTF_8)));
  }

  private byte[] errorResponse(Fault fault, ProxiedRequest request) {
    String requestId = "loopback-proxy-" + requestIds.incrementAndGet();
    String body =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
            + fault.code
            + "</Code><Message>"
            + fault.message
            + "</Message><Resource>/"
            + request.bucket()
            + (request.key().isEmpty() ? "" : "/" + request.key())
            + "</Resource><RequestId>"
            + requestId
            + "</RequestId></Error>";
    byte[] bodyBytes =
        "HEAD".equals(request.method()) ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + fault.status
            + " "
            + fault.code
            + "\r\nContent-Type: application/xml\r\nContent-Length: "
            + bodyBytes.length
            + "\r\nx-amz-request-id: "
            + requestId
            + "\r\nConnection: close\r\n\r\n";
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    response.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
    response.writeBytes(bodyBytes);
    return response.toByteArray();
  }

  private static void pause(FaultPlan plan) throws IOException {
    try {
      Thread.sleep(plan.delay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted during an injected delay", e);
    }
  }

  /** Closes with RST instead of FIN, as a dropped connection looks to the client. */
  private static void reset(Socket client) throws IOException {
    client.setSoLinger(true, 0);
    client.close();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Already closed or reset: nothing left to release.
    }
  }

  /** The upstream connection of one client connection, reopened when stale or closed. */
  private static final class Upstream {
    private Socket socket;
    private InputStream input;
    private long lastUsed;

    Socket connection(InetSocketAddress address) throws IOException {
      if (socket == null
          || socket.isClosed()
          || System.nanoTime() - lastUsed > UPSTREAM_IDLE_NANOS) {
        close();
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, 10_000);
        input = new BufferedInputStream(socket.getInputStream());
      }
      lastUsed = System.nanoTime();
      return socket;
    }

    InputStream input() {
      return input;
    }

    /** After a full response: keep the connection unless the server is closing it. */
    void release(HttpMessageHead response, String requestMethod) {
      lastUsed = System.nanoTime();
      if (response.hasToken("Connection", "close")
          || response.responseFraming(requestMethod) == Framing.UNTIL_CLOSE) {
        close();
      }
    }

    void close() {
      if (socket != null) {
        try {
          socket.close();
        } catch (SocketException e) {
          // Already reset.
        } catch (IOException e) {
          // Nothing more to release.
        }
        socket = null;
        input = null;
      }
    }
  }
}
