package dev.compactor.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestExitCode {

  @Test
  void aRunFailsOnAnyFailureAndIsPartialWhenInputWasLeftOut() {
    assertThat(ExitCode.ofRun(0, 0)).isEqualTo(ExitCode.DONE);
    assertThat(ExitCode.ofRun(0, 2)).isEqualTo(ExitCode.PARTIAL);
    assertThat(ExitCode.ofRun(1, 2)).isEqualTo(ExitCode.FAILED);
  }

  @Test
  void aBackfillExitsWithItsWorstChunk() {
    assertThat(ExitCode.DONE.worse(ExitCode.PARTIAL)).isEqualTo(ExitCode.PARTIAL);
    assertThat(ExitCode.PARTIAL.worse(ExitCode.DONE)).isEqualTo(ExitCode.PARTIAL);
    assertThat(ExitCode.PARTIAL.worse(ExitCode.FAILED)).isEqualTo(ExitCode.FAILED);
    assertThat(ExitCode.FAILED.worse(ExitCode.PARTIAL)).isEqualTo(ExitCode.FAILED);
  }

  @Test
  void statusFollowsTheExitCode() {
    assertThat(RunStatus.of(0, ExitCode.DONE)).isEqualTo(RunStatus.NOTHING_TO_DO);
    assertThat(RunStatus.of(0, ExitCode.PARTIAL)).isEqualTo(RunStatus.PARTIAL);
    assertThat(RunStatus.of(3, ExitCode.DONE)).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(RunStatus.of(3, ExitCode.FAILED)).isEqualTo(RunStatus.FAILED);
  }
}
