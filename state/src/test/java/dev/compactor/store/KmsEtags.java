package dev.compactor.store;

import dev.compactor.store.HttpMessageHead.Framing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the objects under one key prefix of one bucket look encrypted with SSE-KMS (or SSE-C) to
 * clients of the {@link S3LoopbackProxy}: S3 then gives them an ETag of 32 hex digits that is not
 * the MD5 of their content. Here it is the hex MD5 of {@code "kms:" + the real ETag}: like S3's, it
 * stays the same while the object is unchanged and changes when its content does.
 *
 * <p>The ETag is replaced where a client reads it: in LIST pages (ListObjects V1 and V2), and in
 * HEAD and GET answers, which also get {@code x-amz-server-side-encryption: aws:kms}. Multipart
 * ETags ({@code -N}) are left alone: they are never taken for a MD5. Conditional requests that name
 * such an ETag are not translated back, so they fail upstream; PUT answers keep the real ETag.
 *
 * @param bucket the bucket whose objects are affected
 * @param keyPrefix only keys starting with this, e.g. {@code raw/}
 */
public record KmsEtags(String bucket, String keyPrefix) {

  private static final Pattern CONTENTS =
      Pattern.compile("<Contents>(.*?)</Contents>", Pattern.DOTALL);
  private static final Pattern KEY = Pattern.compile("<Key>(.*?)</Key>", Pattern.DOTALL);
  private static final Pattern ETAG =
      Pattern.compile("<ETag>(&quot;|&#34;|\")?([^<&\"]*)(&quot;|&#34;|\")?</ETag>");

  /**
   * The ETag S3 would show for an object under this prefix whose real (MD5) ETag is {@code etag}.
   */
  public static String kmsEtag(String etag) {
    String unquoted = etag.replace("\"", "");
    if (unquoted.contains("-")) {
      return unquoted;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("MD5")
              .digest(("kms:" + unquoted).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required by the Java platform", e);
    }
  }

  /** True when the answer to {@code request} may carry ETags this mode replaces. */
  boolean rewrites(ProxiedRequest request) {
    if (!request.bucket().equals(bucket)) {
      return false;
    }
    return switch (request.operation()) {
      case LIST -> !request.query().has("uploads") && !request.query().has("location");
      case GET, HEAD -> request.key().startsWith(keyPrefix) && !request.query().has("uploadId");
      default -> false;
    };
  }

  /**
   * Relays one upstream answer to {@code request} with the ETags replaced.
   *
   * @return the content bytes relayed
   */
  long relay(
      ProxiedRequest request,
      HttpMessageHead response,
      Framing framing,
      InputStream from,
      OutputStream to)
      throws IOException {
    if (request.operation() != S3Operation.LIST || response.status() != 200) {
      HttpMessageHead head = response;
      if (response.status() / 100 == 2 && !response.header("ETag").isEmpty()) {
        head =
            response
                .withHeader("ETag", "\"" + kmsEtag(response.header("ETag")) + "\"")
                .withHeader("x-amz-server-side-encryption", "aws:kms");
      }
      to.write(head.raw());
      return response.copyBody(framing, from, to);
    }
    byte[] listing =
        listing(response.readContent(framing, from), request.query().value("encoding-type"));
    to.write(
        response
            .withHeader("Transfer-Encoding", null)
            .withHeader("Content-Length", String.valueOf(listing.length))
            .raw());
    to.write(listing);
    return listing.length;
  }

  /** A LIST page with the ETag of each listed object under the prefix replaced. */
  byte[] listing(byte[] xml, String encodingType) {
    Matcher contents = CONTENTS.matcher(new String(xml, StandardCharsets.UTF_8));
    StringBuilder out = new StringBuilder();
    while (contents.find()) {
      String entry = contents.group(1);
      Matcher key = KEY.matcher(entry);
      if (key.find() && decodeKey(key.group(1), encodingType).startsWith(keyPrefix)) {
        Matcher etag = ETAG.matcher(entry);
        entry =
            etag.replaceFirst(
                m ->
                    Matcher.quoteReplacement(
                        "<ETag>"
                            + nullToEmpty(m.group(1))
                            + kmsEtag(m.group(2))
                            + nullToEmpty(m.group(3))
                            + "</ETag>"));
      }
      contents.appendReplacement(
          out, Matcher.quoteReplacement("<Contents>" + entry + "</Contents>"));
    }
    contents.appendTail(out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String decodeKey(String xmlText, String encodingType) {
    String text =
        xmlText
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&");
    return "url".equals(encodingType) ? URLDecoder.decode(text, StandardCharsets.UTF_8) : text;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
