package dev.compactor.jobs.bench;

import dev.compactor.jobs.deploy.ShippedClasspath;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The class-data sharing archive ours runs with, built the way the Batch image builds its own
 * ({@code submit/cds-archive.sh}: a training run of the demo on a server of its own, then a dump
 * for the shipped jars), before anything is measured. {@code ours-no-cds} runs without it.
 *
 * @param archive the archive
 * @param classpath the jars it was dumped for: a contestant's classpath must start with them
 */
record ClassDataArchive(Path archive, String classpath) {

  static ClassDataArchive build(Path repoRoot, Path work, PrintStream progress) throws IOException {
    Path dir = Files.createDirectories(work.resolve("cds"));
    Path list = dir.resolve("classes.lst");
    Path archive = dir.resolve("compactor.jsa");
    String classpath = ShippedClasspath.of(repoRoot);
    progress.printf("bench: training a class-data sharing archive (the demo, not measured) ...%n");
    script(repoRoot, dir.resolve("class-list.log"), "class-list", list.toString());
    script(
        repoRoot, dir.resolve("dump.log"), "dump", list.toString(), archive.toString(), classpath);
    return new ClassDataArchive(archive, classpath);
  }

  private static void script(Path repoRoot, Path log, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(List.of(repoRoot.resolve("submit/cds-archive.sh").toString()));
    command.addAll(List.of(args));
    try {
      int exit =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start()
              .waitFor();
      if (exit != 0) {
        throw new IllegalStateException(
            "submit/cds-archive.sh " + args[0] + " exited with " + exit + "; see " + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building the class-data archive", e);
    }
  }
}
