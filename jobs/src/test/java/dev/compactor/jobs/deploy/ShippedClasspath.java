package dev.compactor.jobs.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Batch image's {@code lib/} as a classpath of this checkout's build: our thin jar, the state
 * jar and the jars of both dependency lists, jars only (a class-data sharing archive can only be
 * dumped for jars).
 */
public final class ShippedClasspath {

  private ShippedClasspath() {}

  /**
   * @param repoRoot the checkout, built with {@code mvn package}
   * @throws IllegalStateException when the packaged jars are missing
   */
  public static String of(Path repoRoot) throws IOException {
    List<String> entries = new ArrayList<>();
    entries.add(jar(repoRoot.resolve("jobs/target"), "compactor-jobs-"));
    entries.add(jar(repoRoot.resolve("state/target"), "compactor-state-"));
    for (String list : List.of("runtime.classpath", "compactor.classpath")) {
      String text = Files.readString(repoRoot.resolve("jobs/target").resolve(list)).trim();
      for (String entry : text.split(":")) {
        if (entry.endsWith(".jar")) {
          entries.add(entry);
        }
      }
    }
    return String.join(":", entries);
  }

  /** The module's main jar: not the shaded EMR jar, not the test jar. */
  private static String jar(Path target, String prefix) throws IOException {
    try (Stream<Path> files = Files.list(target)) {
      List<Path> jars =
          files
              .filter(p -> p.getFileName().toString().startsWith(prefix))
              .filter(p -> p.getFileName().toString().endsWith(".jar"))
              .filter(p -> !p.getFileName().toString().matches(".*-(emr|tests)\\.jar"))
              .toList();
      if (jars.size() != 1) {
        throw new IllegalStateException(
            "expected one " + prefix + "*.jar in " + target + " (run mvn package), found " + jars);
      }
      return jars.get(0).toAbsolutePath().toString();
    }
  }
}
