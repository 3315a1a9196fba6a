package dev.compactor.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.jobs.deploy.Dockerfile.Instruction;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The AWS Batch image, checked by reading its Dockerfile: {@code docker build} cannot run where the
 * tests run (no Docker engine), so this pins what the image starts and where it finds its files.
 */
class TestDeployDockerfile {

  /** Where the image keeps the configuration the job definition names. */
  static final String CONF_DIR = "/opt/compactor/conf/";

  private final Dockerfile dockerfile = Dockerfile.parse(DeployFiles.text("batch/Dockerfile"));

  @Test
  void entrypointRunsTheMainClassWithSparksJvmFlagsAndTheImagesClasspath() {
    Instruction entrypoint = dockerfile.last("ENTRYPOINT");
    List<String> command = EntryPoint.strings(DeployFiles.parse(entrypoint.arguments()));

    assertThat(command.get(0))
        .as("exec form: no shell between the init process and java")
        .isEqualTo("java");
    assertThat(command).contains("@/opt/compactor/spark-jvm.args");
    assertThat(command).containsSubsequence("-cp", "/opt/compactor/lib/*");
    assertThat(command.get(command.size() - 1)).isEqualTo(DeployFiles.MAIN_CLASS);
    assertThat(dockerfile.all("CMD")).as("the job definition supplies the command").isEmpty();
  }

  @Test
  void imageHoldsTheJvmFlagsFileTheConfigurationAndTheLibraries() {
    assertThat(copies())
        .contains(
            "submit/spark-jvm.args /opt/compactor/spark-jvm.args",
            "conf/ " + CONF_DIR,
            "--from=build /out/lib/ /opt/compactor/lib/");
    assertThat(dockerfile.last("FROM").arguments()).startsWith("eclipse-temurin:17-jre");
    assertThat(dockerfile.last("USER").arguments()).isNotEqualTo("root");
  }

  @Test
  void buildStageCollectsTheSameClasspathAsTheEmbeddedLauncher() {
    String build =
        String.join("\n", dockerfile.instructions().stream().map(Instruction::arguments).toList());

    assertThat(build).contains("mvn -B -ntp -q -DskipTests package");
    // submit/compactor runs from these two lists; the image must not differ from a developer's run.
    assertThat(build).contains("jobs/target/runtime.classpath", "jobs/target/compactor.classpath");
    assertThat(DeployFiles.text("compactor")).contains("runtime.classpath", "compactor.classpath");
    assertThat(build)
        .as("the shaded EMR jar would duplicate our classes")
        .contains("rm -f /out/lib/*-emr.jar");
  }

  /**
   * The archive the ENTRYPOINT maps is the one the runtime stage dumps, for the same classpath,
   * from the classes a training run in the build stage loaded; ITClassDataSharing runs the dump
   * itself.
   */
  @Test
  void entrypointMapsTheClassDataArchiveTheImageDumpsForItsOwnClasspath() {
    List<String> command =
        EntryPoint.strings(DeployFiles.parse(dockerfile.last("ENTRYPOINT").arguments()));
    String archive = "/opt/compactor/compactor.jsa";
    assertThat(command).contains("-XX:SharedArchiveFile=" + archive);

    List<String> buildStage =
        dockerfile.instructions().stream()
            .filter(i -> i.keyword().equals("RUN") && !dockerfile.finalStage().contains(i))
            .map(Instruction::arguments)
            .toList();
    assertThat(buildStage)
        .anySatisfy(
            run -> assertThat(run).contains("submit/cds-archive.sh class-list /out/classes.lst"));
    List<String> runs = dockerfile.all("RUN").stream().map(Instruction::arguments).toList();
    assertThat(runs)
        .anySatisfy(
            run ->
                assertThat(run)
                    .contains(
                        "-Xshare:dump",
                        "-XX:SharedClassListFile=/opt/compactor/classes.lst",
                        "-XX:SharedArchiveFile=" + archive,
                        "@/opt/compactor/spark-jvm.args",
                        "-cp \"/opt/compactor/lib/*\""));
    assertThat(copies()).contains("--from=build /out/classes.lst /opt/compactor/classes.lst");
  }

  private List<String> copies() {
    return dockerfile.all("COPY").stream().map(i -> String.join(" ", i.words())).toList();
  }
}
