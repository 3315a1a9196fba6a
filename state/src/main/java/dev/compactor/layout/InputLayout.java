package dev.compactor.layout;

import dev.compactor.domain.Hour;
import java.io.Serializable;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where upstream writes input files, from a template relative to the input root such as {@code
 * {event_type}/dt={date}/hr={hour}/bucket={bucket}}. Placeholders: {@code {event_type}}, {@code
 * {date}} (yyyy-MM-dd), {@code {hour}} (HH), {@code {yyyy}}, {@code {MM}}, {@code {dd}}, {@code
 * {HH}} and {@code {bucket}}, which must come last. Everything before the bucket's folder is the
 * hour prefix: one paginated LIST of it sees every bucket of the hour.
 */
public final class InputLayout implements Serializable {

  private final String template;
  private final String hourTemplate;
  private final Pattern bucketAndFile;

  /**
   * @throws IllegalArgumentException when the template has no {@code {bucket}} in its last folder
   *     or does not pin the hour before it
   */
  public InputLayout(String template) {
    this.template = trimSlashes(template);
    int bucketAt = this.template.indexOf("{bucket}");
    if (bucketAt < 0) {
      throw new IllegalArgumentException("'" + template + "' has no {bucket} placeholder");
    }
    if (this.template.indexOf('/', bucketAt) >= 0) {
      throw new IllegalArgumentException("'" + template + "': {bucket} must be in the last folder");
    }
    int folderStart = this.template.lastIndexOf('/', bucketAt) + 1;
    this.hourTemplate = this.template.substring(0, Math.max(0, folderStart - 1));
    boolean pinsHour =
        (hourTemplate.contains("{date}") || hourTemplate.contains("{yyyy}"))
            && (hourTemplate.contains("{hour}") || hourTemplate.contains("{HH}"));
    if (!pinsHour) {
      throw new IllegalArgumentException(
          "'" + template + "' must name the date and the hour in folders before {bucket}");
    }
    String bucketFolder = this.template.substring(folderStart);
    String[] around = bucketFolder.split("\\{bucket}", -1);
    this.bucketAndFile =
        Pattern.compile(
            Pattern.quote(around[0]) + "(\\d+)" + Pattern.quote(around[1]) + "/([^/]+)");
  }

  /** The hour's prefix relative to the input root, without trailing slash. */
  public String hourPrefix(String eventType, Hour hour) {
    String date = hour.date().toString();
    return hourTemplate
        .replace("{event_type}", eventType)
        .replace("{date}", date)
        .replace("{yyyy}", date.substring(0, 4))
        .replace("{MM}", date.substring(5, 7))
        .replace("{dd}", date.substring(8, 10))
        .replace("{hour}", String.format("%02d", hour.hourOfDay()))
        .replace("{HH}", String.format("%02d", hour.hourOfDay()));
  }

  /** The folder of one partition relative to the input root, e.g. for the generator. */
  public String partitionPrefix(String eventType, Hour hour, int bucket, int bucketDigits) {
    String folder = template.substring(hourTemplate.isEmpty() ? 0 : hourTemplate.length() + 1);
    return hourPrefix(eventType, hour)
        + "/"
        + folder.replace("{bucket}", String.format("%0" + bucketDigits + "d", bucket));
  }

  /**
   * The bucket of a key's remainder below the hour prefix ({@code bucket=07/file.avro} gives 7), or
   * empty when the remainder is not a file directly inside a bucket folder.
   */
  public OptionalInt bucketOf(String remainder) {
    Matcher m = bucketAndFile.matcher(remainder);
    if (!m.matches() || m.group(1).length() > 6) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(Integer.parseInt(m.group(1)));
  }

  public String template() {
    return template;
  }

  private static String trimSlashes(String s) {
    return s.replaceAll("^/+|/+$", "");
  }
}
