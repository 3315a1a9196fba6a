package dev.compactor.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import scala.util.Properties;

/**
 * The jars {@code package} builds (the plain one and the EMR one) hold the job and nothing that
 * only the benchmark or the tests need, and the EMR jar says which Spark it was built for. Runs
 * after {@code package}, so it reads the real artifacts.
 */
class ITShippedJars {

  @Test
  void neitherJarShipsTheBenchmarkHarness() throws IOException {
    List<Path> jars = jarsMatching("compactor-jobs-.*\\.jar");
    assertThat(jars).as("the jars in jobs/target").hasSize(2);
    for (Path jar : jars) {
      try (JarFile file = new JarFile(jar.toFile())) {
        List<String> names = file.stream().map(JarEntry::getName).toList();
        assertThat(names)
            .as(jar + " holds the job")
            .contains("dev/compactor/jobs/cli/Compactor.class");
        assertThat(names)
            .as(jar + " ships no benchmark classes")
            .noneMatch(name -> name.startsWith("dev/compactor/jobs/bench/"));
      }
    }
  }

  /**
   * The default, {@code -Pemr8} and {@code -Pspark35} builds give the EMR jar one file name, and
   * {@code submit/emr/upload.sh} renames it: its manifest is what tells them apart on S3.
   */
  @Test
  void theEmrJarNamesTheSparkItIsFor() throws IOException {
    List<Path> jars = jarsMatching("compactor-jobs-.*-emr\\.jar");
    assertThat(jars).as("the EMR jar in jobs/target").hasSize(1);
    try (JarFile file = new JarFile(jars.get(0).toFile())) {
      Manifest manifest = file.getManifest();
      assertThat(manifest.getMainAttributes().getValue("Compactor-Spark-Version"))
          .as(jars.get(0) + " manifest")
          .isEqualTo(System.getProperty("compactor.spark.version"))
          .isNotBlank();
      // The Scala on the test classpath is the one of the Spark this build tests against.
      assertThat(Properties.versionNumberString())
          .as("the Scala on the test classpath")
          .startsWith(
              manifest.getMainAttributes().getValue("Compactor-Scala-Binary-Version") + ".");
    }
  }

  private static List<Path> jarsMatching(String regex) throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files.filter(p -> p.getFileName().toString().matches(regex)).toList();
    }
  }
}
