package dev.compactor.store;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The start line and headers of one HTTP/1.1 message, kept as the exact bytes read so a proxy can
 * forward them unchanged (SigV4 signs the Host header and others), plus the body framing they
 * declare.
 */
final class HttpMessageHead {

  private static final int MAX_HEAD_BYTES = 64 * 1024;

  /** How the body after this head is delimited. */
  enum Framing {
    NONE,
    LENGTH,
    CHUNKED,
    UNTIL_CLOSE
  }

  private final byte[] raw;
  private final String startLine;
  private final List<String[]> headers;

  private HttpMessageHead(byte[] raw, String startLine, List<String[]> headers) {
    this.raw = raw;
    this.startLine = startLine;
    this.headers = headers;
  }

  /** Reads a head, or returns null when the stream ends cleanly before its first byte. */
  static HttpMessageHead read(InputStream in) throws IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    String startLine = readLine(in, raw);
    if (startLine == null) {
      return null;
    }
    List<String[]> headers = new ArrayList<>();
    while (true) {
      String line = readLine(in, raw);
      if (line == null) {
        throw new EOFException("Stream ended inside HTTP headers after: " + startLine);
      }
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.add(
            new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
      }
      if (raw.size() > MAX_HEAD_BYTES) {
        throw new IOException("HTTP head over " + MAX_HEAD_BYTES + " bytes: " + startLine);
      }
    }
    return new HttpMessageHead(raw.toByteArray(), startLine, headers);
  }

  byte[] raw() {
    return raw.clone();
  }

  String startLine() {
    return startLine;
  }

  /** The first space-separated word of the start line: the method, or the HTTP version. */
  String first() {
    return startLine.split(" ", 3)[0];
  }

  /** The second word: the request target, or the status code. */
  String second() {
    String[] parts = startLine.split(" ", 3);
    return parts.length > 1 ? parts[1] : "";
  }

  int status() {
    return Integer.parseInt(second());
  }

  /** The first value of header {@code name} (case-insensitive), or "". */
  String header(String name) {
    for (String[] h : headers) {
      if (h[0].equalsIgnoreCase(name)) {
        return h[1];
      }
    }
    return "";
  }

  /**
   * Every header, names in lower case; a repeated header's values are joined with "," (RFC 9110).
   */
  Map<String, String> headers() {
    Map<String, String> all = new LinkedHashMap<>();
    for (String[] h : headers) {
      all.merge(h[0].toLowerCase(Locale.ROOT), h[1], (first, next) -> first + "," + next);
    }
    return all;
  }

  /** True when header {@code name} lists {@code token} (case-insensitive). */
  boolean hasToken(String name, String token) {
    for (String value : header(name).split(",")) {
      if (value.trim().equalsIgnoreCase(token)) {
        return true;
      }
    }
    return false;
  }

  /** The body framing of a request. */
  Framing requestFraming() {
    if (hasToken("Transfer-Encoding", "chunked")) {
      return Framing.CHUNKED;
    }
    return contentLength() > 0 ? Framing.LENGTH : Framing.NONE;
  }

  /** The body framing of a response to a request with {@code requestMethod}. */
  Framing responseFraming(String requestMethod) {
    int status = status();
    if ("HEAD".equals(requestMethod) || status / 100 == 1 || status == 204 || status == 304) {
      return Framing.NONE;
    }
    if (hasToken("Transfer-Encoding", "chunked")) {
      return Framing.CHUNKED;
    }
    if (!header("Content-Length").isEmpty()) {
      return contentLength() > 0 ? Framing.LENGTH : Framing.NONE;
    }
    return Framing.UNTIL_CLOSE;
  }

  long contentLength() {
    String value = header("Content-Length");
    return value.isEmpty() ? 0 : Long.parseLong(value);
  }

  /**
   * Copies the body that follows this head from {@code in} to {@code out} byte for byte (chunk
   * framing included).
   *
   * @return the number of content bytes (chunk framing excluded)
   */
  long copyBody(Framing framing, InputStream in, OutputStream out) throws IOException {
    return switch (framing) {
      case NONE -> 0;
      case LENGTH -> copyExactly(in, out, contentLength());
      case CHUNKED -> copyChunked(in, out);
      case UNTIL_CLOSE -> in.transferTo(out);
    };
  }

  /**
   * Reads the body that follows this head and returns its content: chunk framing removed, trailers
   * dropped. For a proxy that changes the body before relaying it.
   */
  byte[] readContent(Framing framing, InputStream in) throws IOException {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    if (framing != Framing.CHUNKED) {
      copyBody(framing, in, content);
      return content.toByteArray();
    }
    while (true) {
      String sizeLine = readLine(in, new ByteArrayOutputStream());
      if (sizeLine == null) {
        throw new EOFException("Stream ended inside a chunked body");
      }
      int semicolon = sizeLine.indexOf(';');
      long size =
          Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
      if (size == 0) {
        while (!copyLine(in, OutputStream.nullOutputStream()).isEmpty()) {
          // drop trailer lines
        }
        return content.toByteArray();
      }
      copyExactly(in, content, size);
      copyLine(in, OutputStream.nullOutputStream());
    }
  }

  /**
   * This head with header {@code name} (case-insensitive) set to {@code value}, added last when
   * absent, or removed when {@code value} is null. The other header lines keep their order.
   */
  HttpMessageHead withHeader(String name, String value) {
    List<String[]> changed = new ArrayList<>();
    boolean set = false;
    for (String[] h : headers) {
      if (!h[0].equalsIgnoreCase(name)) {
        changed.add(h);
      } else if (value != null && !set) {
        changed.add(new String[] {h[0], value});
        set = true;
      }
    }
    if (value != null && !set) {
      changed.add(new String[] {name, value});
    }
    StringBuilder text = new StringBuilder(startLine).append("\r\n");
    changed.forEach(h -> text.append(h[0]).append(": ").append(h[1]).append("\r\n"));
    text.append("\r\n");
    return new HttpMessageHead(
        text.toString().getBytes(StandardCharsets.ISO_8859_1), startLine, changed);
  }

  private static long copyChunked(InputStream in, OutputStream out) throws IOException {
    long content = 0;
    while (true) {
      String sizeLine = copyLine(in, out);
      int semicolon = sizeLine.indexOf(';');
      long size =
          Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
      if (size == 0) {
        // Trailers (e.g. x-amz-checksum-crc32 of aws-chunked uploads) end with an empty line.
        while (!copyLine(in, out).isEmpty()) {
          // keep copying trailer lines
        }
        return content;
      }
      content += copyExactly(in, out, size);
      copyLine(in, out);
    }
  }

  private static String copyLine(InputStream in, OutputStream out) throws IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    String line = readLine(in, raw);
    if (line == null) {
      throw new EOFException("Stream ended inside a chunked body");
    }
    raw.writeTo(out);
    return line;
  }

  private static long copyExactly(InputStream in, OutputStream out, long length)
      throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long left = length;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new EOFException("Stream ended with " + left + " of " + length + " body bytes left");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
    return length;
  }

  /** Reads one CRLF-terminated line into {@code raw}; returns it without CRLF, null at EOF. */
  private static String readLine(InputStream in, ByteArrayOutputStream raw) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      raw.write(b);
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
    if (line.size() == 0) {
      return null;
    }
    throw new EOFException(
        "Stream ended inside a line: " + line.toString(StandardCharsets.ISO_8859_1));
  }

  @Override
  public String toString() {
    return startLine;
  }
}
