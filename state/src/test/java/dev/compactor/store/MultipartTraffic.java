package dev.compactor.store;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What one multipart upload of a key sent through the loopback proxy, seen as S3 checks it: the
 * checksums each answered UploadPart carried, and those its answered CompleteMultipartUpload listed
 * per part. Failed attempts (faults, errors) are left out: S3 keeps only what it accepted.
 *
 * @param parts by part number, what the last accepted upload of that part carried
 * @param listed by part number, the checksums the Complete listed for it (algorithm, e.g. {@code
 *     CRC32}, to value); a part listed without checksums maps to an empty map
 */
record MultipartTraffic(Map<Integer, PartSent> parts, Map<Integer, Map<String, String>> listed) {

  private static final String CHECKSUM_HEADER = "x-amz-checksum-";

  /** Headers under {@link #CHECKSUM_HEADER} that describe an upload rather than carry a value. */
  private static final Set<String> NOT_VALUES = Set.of("algorithm", "type", "mode");

  /**
   * The checksums one part carried.
   *
   * @param algorithms every algorithm the request declared, in upper case: a value header ({@code
   *     x-amz-checksum-crc32}), the SDK's {@code x-amz-sdk-checksum-algorithm}, or a checksum
   *     trailer announced in {@code x-amz-trailer} (its value then follows the body)
   * @param values the values sent as headers, by algorithm
   * @param trailers the algorithms whose value {@code x-amz-trailer} announces after the body
   */
  record PartSent(Set<String> algorithms, Map<String, String> values, Set<String> trailers) {
    boolean carriesChecksum() {
      return !algorithms.isEmpty();
    }

    /** Algorithms whose value is sent twice: as a header and announced as a trailer too. */
    Set<String> sentTwice() {
      Set<String> twice = new TreeSet<>(values.keySet());
      twice.retainAll(trailers);
      return twice;
    }
  }

  /** Decodes the answered UploadPart and CompleteMultipartUpload requests for {@code key}. */
  static MultipartTraffic of(List<ProxiedRequest> requests, String key) {
    Map<Integer, PartSent> parts = new TreeMap<>();
    Map<Integer, Map<String, String>> listed = new TreeMap<>();
    for (ProxiedRequest r : requests) {
      if (!r.key().equals(key) || !r.query().has("uploadId") || r.status() != 200) {
        continue;
      }
      if (r.method().equals("PUT") && r.query().has("partNumber")) {
        parts.put(Integer.parseInt(r.query().value("partNumber")), partSent(r));
      } else if (r.method().equals("POST")) {
        listed = listedChecksums(r.body());
      }
    }
    return new MultipartTraffic(parts, listed);
  }

  /** Every algorithm any part carried. */
  Set<String> partAlgorithms() {
    Set<String> all = new TreeSet<>();
    parts.values().forEach(p -> all.addAll(p.algorithms()));
    return all;
  }

  private static PartSent partSent(ProxiedRequest part) {
    Set<String> algorithms = new TreeSet<>();
    Map<String, String> values = new TreeMap<>();
    Set<String> trailers = new TreeSet<>();
    part.headers()
        .forEach(
            (name, value) -> {
              String suffix =
                  name.startsWith(CHECKSUM_HEADER) ? name.substring(CHECKSUM_HEADER.length()) : "";
              if (!suffix.isEmpty() && !NOT_VALUES.contains(suffix)) {
                algorithms.add(suffix.toUpperCase(Locale.ROOT));
                values.put(suffix.toUpperCase(Locale.ROOT), value);
              }
            });
    if (!part.header("x-amz-sdk-checksum-algorithm").isEmpty()) {
      algorithms.add(part.header("x-amz-sdk-checksum-algorithm").toUpperCase(Locale.ROOT));
    }
    for (String trailer : part.header("x-amz-trailer").split(",")) {
      String name = trailer.trim().toLowerCase(Locale.ROOT);
      if (name.startsWith(CHECKSUM_HEADER)) {
        trailers.add(name.substring(CHECKSUM_HEADER.length()).toUpperCase(Locale.ROOT));
      }
    }
    algorithms.addAll(trailers);
    return new PartSent(algorithms, values, trailers);
  }

  /** Part number to {algorithm: value} from a CompleteMultipartUpload body. */
  private static Map<Integer, Map<String, String>> listedChecksums(String body) {
    Map<Integer, Map<String, String>> listed = new TreeMap<>();
    NodeList parts = parse(body).getElementsByTagName("Part");
    for (int i = 0; i < parts.getLength(); i++) {
      Map<String, String> checksums = new TreeMap<>();
      int partNumber = -1;
      for (Node n = parts.item(i).getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e) {
          if (e.getTagName().equals("PartNumber")) {
            partNumber = Integer.parseInt(e.getTextContent().trim());
          } else if (e.getTagName().startsWith("Checksum")) {
            checksums.put(
                e.getTagName().substring("Checksum".length()).toUpperCase(Locale.ROOT),
                e.getTextContent().trim());
          }
        }
      }
      listed.put(partNumber, checksums);
    }
    return listed;
  }

  private static Element parse(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      // Test input from our own client, but no reason to let a parser fetch anything.
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory
          .newDocumentBuilder()
          .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
          .getDocumentElement();
    } catch (Exception e) {
      throw new IllegalStateException("Not a CompleteMultipartUpload body: " + xml, e);
    }
  }
}
