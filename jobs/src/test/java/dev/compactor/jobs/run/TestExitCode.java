package dev.compactor.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestExitCode {

  @Test
  void aRunFailsOnAnyFailureAndIsPartialWhenInputWasLeftOut() {
    assertThat(ExitCode.ofRun(false, false)).isEqualTo(ExitCode.DONE);
    assertThat(ExitCode.ofRun(false, true)).isEqualTo(ExitCode.PARTIAL);
    assertThat(ExitCode.ofRun(true, true)).isEqualTo(ExitCode.FAILED);
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
    assertThat(RunStatus.of(true, false, ExitCode.DONE)).isEqualTo(RunStatus.DRY_RUN);
    assertThat(RunStatus.of(false, true, ExitCode.DONE)).isEqualTo(RunStatus.NOTHING_TO_DO);
    assertThat(RunStatus.of(false, true, ExitCode.PARTIAL)).isEqualTo(RunStatus.PARTIAL);
    assertThat(RunStatus.of(false, false, ExitCode.DONE)).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(RunStatus.of(false, false, ExitCode.FAILED)).isEqualTo(RunStatus.FAILED);
  }
}
