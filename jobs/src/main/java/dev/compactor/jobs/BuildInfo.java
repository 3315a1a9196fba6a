package dev.compactor.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Which build of the compactor this is, and which libraries it is running on. Run reports and EMF
 * lines carry {@link #label()}, so an output can be traced to the build that wrote it; {@code
 * --version} also prints {@link #libraries()}, read from the classpath at run time because EMR puts
 * its own Spark, Avro, Parquet and AWS SDK ahead of the job jar's.
 *
 * @param version the project version, e.g. {@code 0.1.0}
 * @param commit the abbreviated git commit, with {@code -dirty} for uncommitted changes, or {@code
 *     unknown} for a build outside a git checkout
 */
public record BuildInfo(String version, String commit) {

  private static final String RESOURCE = "/dev/compactor/jobs/build.properties";
  private static final String UNKNOWN = "unknown";
  private static final BuildInfo CURRENT = load();

  public static BuildInfo current() {
    return CURRENT;
  }

  /** {@code 0.1.0 (3f2a9c1)}: the form reports and metrics carry. */
  public String label() {
    return version + " (" + commit + ")";
  }

  /** Library name to the version found on the classpath, in a fixed order. */
  public static Map<String, String> libraries() {
    Map<String, String> libraries = new LinkedHashMap<>();
    libraries.put("Spark", versionOf(() -> org.apache.spark.package$.MODULE$.SPARK_VERSION()));
    libraries.put("Scala", versionOf(() -> scala.util.Properties.versionNumberString()));
    libraries.put(
        "Avro",
        versionOf(() -> org.apache.avro.Schema.class.getPackage().getImplementationVersion()));
    libraries.put("Parquet", versionOf(() -> org.apache.parquet.Version.VERSION_NUMBER));
    libraries.put("Hadoop", versionOf(org.apache.hadoop.util.VersionInfo::getVersion));
    libraries.put(
        "AWS SDK", versionOf(() -> software.amazon.awssdk.core.util.VersionInfo.SDK_VERSION));
    libraries.put("Java", Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
    return libraries;
  }

  /** A library that is absent or does not say its version reads "unknown" instead of failing. */
  private static String versionOf(Supplier<String> lookup) {
    try {
      String version = lookup.get();
      return version == null || version.isBlank() ? UNKNOWN : version;
    } catch (LinkageError | RuntimeException e) {
      return UNKNOWN;
    }
  }

  private static BuildInfo load() {
    Properties properties = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    String commit = filled(properties.getProperty("commit"));
    if (!commit.equals(UNKNOWN) && "true".equals(properties.getProperty("dirty"))) {
      commit += "-dirty";
    }
    return new BuildInfo(filled(properties.getProperty("version")), commit);
  }

  /** A placeholder Maven left unfilled (no git directory) means the value is unknown. */
  private static String filled(String value) {
    return value == null || value.isBlank() || value.startsWith("${") ? UNKNOWN : value;
  }
}
