package dev.compactor.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jars {@code package} builds (the plain one and the EMR one) hold the job and nothing that
 * only the benchmark or the tests need. Runs after {@code package}, so it reads the real artifacts.
 */
class ITShippedJars {

  @Test
  void neitherJarShipsTheBenchmarkHarness() throws IOException {
    List<Path> jars;
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      jars =
          files.filter(p -> p.getFileName().toString().matches("compactor-jobs-.*\\.jar")).toList();
    }
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
}
