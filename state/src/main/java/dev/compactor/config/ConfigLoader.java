package dev.compactor.config;

import dev.compactor.dedupe.FieldPath;
import dev.compactor.dedupe.NullIdPolicy;
import dev.compactor.dedupe.RecordOrdering;
import dev.compactor.dedupe.ResolvedField;
import dev.compactor.dedupe.SortKey;
import dev.compactor.layout.InputLayout;
import dev.compactor.layout.Layout;
import dev.compactor.store.StoreUri;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Loads a {@code .properties} configuration, applies command-line overrides ({@code --set
 * key=value}), rejects unknown keys and validates every value once, so nothing deeper in the code
 * looks up strings.
 */
public final class ConfigLoader {

  private final Path baseDir;
  private final Map<String, String> values;

  private ConfigLoader(Path baseDir, Map<String, String> values) {
    this.baseDir = baseDir;
    this.values = values;
  }

  /** Loads {@code file}, then applies {@code overrides} on top. */
  public static CompactorConfig load(Path file, Map<String, String> overrides) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (NoSuchFileException e) {
      throw new ConfigException(
          "config file " + file + " does not exist; pass --config conf/<env>.properties");
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> values = new TreeMap<>();
    properties
        .stringPropertyNames()
        .forEach(k -> values.put(k.trim(), properties.getProperty(k).trim()));
    overrides.forEach((k, v) -> values.put(k.trim(), v.trim()));
    Path baseDir = file.toAbsolutePath().getParent();
    return new ConfigLoader(baseDir, values).build();
  }

  private CompactorConfig build() {
    List<String> eventTypeNames = list(required("event-types"));
    if (eventTypeNames.isEmpty()) {
      throw new ConfigException(
          "event-types is empty; name at least one event type, e.g. event-types=clicks");
    }
    rejectUnknownKeys(eventTypeNames);
    Map<String, EventTypeConfig> eventTypes = new LinkedHashMap<>();
    for (String name : eventTypeNames) {
      eventTypes.put(name, eventType(name));
    }
    return new CompactorConfig(
        uri("input.root"),
        uri("output.root"),
        uri("state.root"),
        new S3Settings(
            value("s3.endpoint"),
            bool("s3.path-style"),
            value("s3.region"),
            bool("s3.etag-is-md5"),
            value("s3.sse-kms-key-id")),
        new SparkSettings(
            value("spark.master"),
            value("spark.local-dir"),
            integer("spark.task-memory-mb", 0, 1_000_000)),
        lockSettings(),
        metricsSettings(),
        new PriceTable(
            positive("cost.get-per-1000"),
            positive("cost.put-per-1000"),
            positive("cost.vcpu-hour"),
            positive("cost.mb-per-vcpu-second")),
        icebergSettings(eventTypes),
        eventTypes);
  }

  private IcebergSettings icebergSettings(Map<String, EventTypeConfig> eventTypes) {
    String uri = value("iceberg.catalog-uri");
    List<String> icebergTypes =
        eventTypes.values().stream()
            .filter(t -> t.parquetTable() == ParquetTable.ICEBERG)
            .map(EventTypeConfig::name)
            .toList();
    if (uri.isBlank() && !icebergTypes.isEmpty()) {
      throw new ConfigException(
          "iceberg.catalog-uri is empty, but "
              + icebergTypes
              + " publish Parquet as an Iceberg table (parquet-table=iceberg); set it to the"
              + " REST catalog's endpoint, or use parquet-table=hive");
    }
    Map<String, String> properties = new LinkedHashMap<>();
    for (String pair : list(value("iceberg.catalog-properties"))) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException("iceberg.catalog-properties: '" + pair + "' is not key=value");
      }
      properties.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return new IcebergSettings(
        uri,
        value("iceberg.namespace"),
        properties,
        Duration.ofHours(integer("iceberg.snapshot-retention-hours", 1, 24 * 365)));
  }

  private LockSettings lockSettings() {
    // Seconds-long leases are for tests of takeover; production leases are minutes (see
    // conf/README.md).
    int lease = integer("lock.lease-seconds", 2, 86_400);
    int renew = integer("lock.renew-seconds", 1, 86_400);
    if (renew * 2 > lease) {
      throw new ConfigException(
          "lock.renew-seconds="
              + renew
              + " must be at most half of lock.lease-seconds="
              + lease
              + ", or a slow renewal lets another run take the lease");
    }
    return new LockSettings(Duration.ofSeconds(lease), Duration.ofSeconds(renew));
  }

  private MetricsSettings metricsSettings() {
    String namespace = value("metrics.namespace");
    if (namespace.isBlank() || namespace.length() > 255) {
      throw new ConfigException(
          "metrics.namespace must be 1 to 255 characters, not '" + namespace + "'");
    }
    Map<String, String> dimensions = new LinkedHashMap<>();
    for (String pair : list(value("metrics.dimensions"))) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new ConfigException("metrics.dimensions: '" + pair + "' is not Name=Value");
      }
      dimensions.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    if (dimensions.size() > 29) {
      throw new ConfigException(
          "metrics.dimensions: CloudWatch allows 30 dimensions including EventType");
    }
    return new MetricsSettings(namespace, dimensions);
  }

  private EventTypeConfig eventType(String name) {
    if (!name.matches("[A-Za-z0-9_-]+")) {
      throw new ConfigException(
          "event type '" + name + "' may only use letters, digits, '_' and '-'");
    }
    String p = ConfigKeys.EVENT_TYPE_PREFIX + name + ".";
    Schema schema = schema(p + "schema");
    ResolvedField eventId = field(p + "event-id", schema);
    List<SortKey> sort = sortKeys(p + "sort");
    if (sort.isEmpty()) {
      sort = List.of(new SortKey(eventId.path(), false));
    }
    return new EventTypeConfig(
        name,
        schema,
        eventId,
        ordering(p + "winner", schema, sortKeys(p + "winner")),
        ordering(p + "sort", schema, sort),
        integer(p + "buckets", 1, 100_000),
        inputLayout(p + "input-template"),
        new Layout(name, integer(p + "bucket-digits", 1, 6)),
        integer(p + "window-hours", 1, 24 * 31),
        value(p + "event-time").isBlank() ? null : field(p + "event-time", schema),
        nullIdPolicy(p + "null-id"),
        pattern(p + "ignore-pattern"),
        new OutputSettings(
            oneOf(p + "avro-codec", AvroCodec.values(), AvroCodec::toString),
            oneOf(p + "parquet-codec", ParquetCodec.values(), ParquetCodec::toString),
            integer(p + "parquet-row-group-mb", 1, 1024) * 1024L * 1024L),
        oneOf(p + "parquet-table", ParquetTable.values(), ParquetTable::toString));
  }

  private InputLayout inputLayout(String key) {
    try {
      return new InputLayout(value(key));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key + ": " + e.getMessage());
    }
  }

  private Pattern pattern(String key) {
    String regex = value(key);
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new ConfigException(
          key + "='" + regex + "' is not a valid regex: " + e.getDescription());
    }
  }

  private void rejectUnknownKeys(List<String> eventTypeNames) {
    List<String> unknown = new ArrayList<>();
    for (String key : values.keySet()) {
      if (ConfigKeys.global(key).isPresent()) {
        continue;
      }
      if (key.startsWith(ConfigKeys.EVENT_TYPE_PREFIX)) {
        String rest = key.substring(ConfigKeys.EVENT_TYPE_PREFIX.length());
        int dot = rest.indexOf('.');
        if (dot > 0 && ConfigKeys.perEventType(rest.substring(dot + 1)).isPresent()) {
          if (!eventTypeNames.contains(rest.substring(0, dot))) {
            throw new ConfigException(
                "key '"
                    + key
                    + "' is for event type '"
                    + rest.substring(0, dot)
                    + "', which is not listed in event-types="
                    + String.join(",", eventTypeNames));
          }
          continue;
        }
      }
      unknown.add(key);
    }
    if (!unknown.isEmpty()) {
      throw new ConfigException(
          "unknown configuration key(s) "
              + unknown
              + "; known keys: "
              + ConfigKeys.GLOBAL.stream().map(ConfigKeys.Key::name).toList()
              + " and event-type.<name>."
              + ConfigKeys.PER_EVENT_TYPE.stream().map(ConfigKeys.Key::name).toList());
    }
  }

  private String value(String key) {
    String v = values.get(key);
    if (v != null) {
      return v;
    }
    ConfigKeys.Key k = keyOf(key);
    if (k.defaultValue() == null) {
      throw new ConfigException("required key '" + key + "' is missing: " + k.description());
    }
    return k.defaultValue();
  }

  private String required(String key) {
    return value(key);
  }

  private static ConfigKeys.Key keyOf(String key) {
    if (key.startsWith(ConfigKeys.EVENT_TYPE_PREFIX)) {
      String rest = key.substring(ConfigKeys.EVENT_TYPE_PREFIX.length());
      return ConfigKeys.perEventType(rest.substring(rest.indexOf('.') + 1)).orElseThrow();
    }
    return ConfigKeys.global(key).orElseThrow();
  }

  private StoreUri uri(String key) {
    try {
      return StoreUri.parse(value(key));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key + ": " + e.getMessage());
    }
  }

  private boolean bool(String key) {
    String v = value(key).toLowerCase(Locale.ROOT);
    if (!v.equals("true") && !v.equals("false")) {
      throw new ConfigException(key + "='" + v + "' must be true or false");
    }
    return Boolean.parseBoolean(v);
  }

  private int integer(String key, int min, int max) {
    String v = value(key);
    try {
      int i = Integer.parseInt(v);
      if (i < min || i > max) {
        throw new ConfigException(key + "=" + i + " is out of range [" + min + ", " + max + "]");
      }
      return i;
    } catch (NumberFormatException e) {
      throw new ConfigException(key + "='" + v + "' is not a whole number");
    }
  }

  private double positive(String key) {
    String v = value(key);
    try {
      double d = Double.parseDouble(v);
      if (!(d >= 0) || Double.isInfinite(d)) {
        throw new ConfigException(key + "=" + v + " must be a non-negative number");
      }
      return d;
    } catch (NumberFormatException e) {
      throw new ConfigException(key + "='" + v + "' is not a number");
    }
  }

  /** The value whose configuration name the key holds, or an error listing every name. */
  private <E> E oneOf(String key, E[] values, Function<E, String> configName) {
    String v = value(key).toLowerCase(Locale.ROOT);
    return Arrays.stream(values)
        .filter(e -> configName.apply(e).equals(v))
        .findFirst()
        .orElseThrow(
            () ->
                new ConfigException(
                    key
                        + "='"
                        + v
                        + "' must be one of "
                        + Arrays.stream(values).map(configName).toList()));
  }

  private NullIdPolicy nullIdPolicy(String key) {
    return oneOf(key, NullIdPolicy.values(), policy -> policy.name().toLowerCase(Locale.ROOT));
  }

  private Schema schema(String key) {
    Path path = baseDir.resolve(value(key));
    try {
      Schema schema = new Schema.Parser().parse(Files.readString(path));
      if (schema.getType() != Schema.Type.RECORD) {
        throw new ConfigException(
            key + ": " + path + " must hold a record schema, not " + schema.getType());
      }
      return schema;
    } catch (IOException e) {
      throw new ConfigException(key + ": cannot read reader schema " + path + ": " + e, e);
    } catch (SchemaParseException e) {
      throw new ConfigException(
          key + ": " + path + " is not a valid Avro schema: " + e.getMessage(), e);
    }
  }

  private ResolvedField field(String key, Schema schema) {
    FieldPath path = FieldPath.parse(value(key));
    return ResolvedField.resolve(path, schema)
        .orElseThrow(
            () ->
                new ConfigException(
                    key
                        + "='"
                        + path
                        + "' is not a field of "
                        + schema.getFullName()
                        + "; fields: "
                        + schema.getFields().stream().map(Schema.Field::name).toList()));
  }

  private List<SortKey> sortKeys(String key) {
    List<SortKey> keys = new ArrayList<>();
    for (String part : list(value(key))) {
      try {
        keys.add(SortKey.parse(part));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(key + ": " + e.getMessage());
      }
    }
    return keys;
  }

  private static RecordOrdering ordering(String key, Schema schema, List<SortKey> keys) {
    try {
      return new RecordOrdering(schema, keys);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key + ": " + e.getMessage());
    }
  }

  private static List<String> list(String text) {
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
