package dev.compactor.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code submit/cds-archive.sh dump}, as the Batch image runs it, on the shipped jars: the archive
 * it writes is one the JVM maps for that classpath ({@code -Xshare:on} refuses to start otherwise),
 * and a JVM whose classpath differs starts without it instead of failing.
 */
class ITClassDataSharing {

  @TempDir Path dir;

  @Test
  void theDumpedArchiveIsUsedForItsClasspathAndIgnoredForAnother() throws Exception {
    String classpath = ShippedClasspath.of(DeployFiles.ROOT);
    Path list = dir.resolve("classes.lst");
    Path archive = dir.resolve("compactor.jsa");
    Result listed = java(List.of("-XX:DumpLoadedClassList=" + list), classpath, "--version");
    assertThat(listed.exit()).as(listed.output()).isZero();
    assertThat(Files.readString(list)).contains("dev/compactor/jobs/cli/Compactor");

    Result dumped =
        run(
            List.of(
                DeployFiles.SUBMIT.resolve("cds-archive.sh").toString(),
                "dump",
                list.toString(),
                archive.toString(),
                classpath));

    assertThat(dumped.exit()).as(dumped.output()).isZero();
    assertThat(archive).isNotEmptyFile();
    Result shared =
        java(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive), classpath, "--version");
    assertThat(shared.exit()).as(shared.output()).isZero();
    assertThat(shared.output()).contains("compactor");
    String other = Files.createDirectories(dir.resolve("first")) + ":" + classpath;
    Result mismatched = java(List.of("-XX:SharedArchiveFile=" + archive), other, "--version");
    assertThat(mismatched.exit()).as(mismatched.output()).isZero();
    Result strict =
        java(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive), other, "--version");
    assertThat(strict.exit()).as("-Xshare:on with another classpath").isNotZero();
  }

  private record Result(int exit, String output) {}

  private Result java(List<String> flags, String classpath, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("@" + DeployFiles.SUBMIT.resolve("spark-jvm.args"));
    command.addAll(flags);
    command.addAll(List.of("-cp", classpath, DeployFiles.MAIN_CLASS));
    command.addAll(List.of(args));
    return run(command);
  }

  private Result run(List<String> command) throws Exception {
    Path log = Files.createTempFile(dir, "out", ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int exit = process.waitFor();
    return new Result(exit, Files.readString(log));
  }
}
