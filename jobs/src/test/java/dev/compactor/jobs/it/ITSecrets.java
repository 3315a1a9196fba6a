package dev.compactor.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.jobs.it.CompactorHarness.Backend;
import dev.compactor.store.ObjectInfo;
import dev.compactor.store.S3TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets never reach logs, run reports or manifests, on success and on an access-denied failure.
 */
class ITSecrets {

  private static final String PLANTED = "planted-Secret-4f9a2c7e1b";

  @TempDir Path dir;

  @Test
  void theSecretKeyAppearsInNoLogReportOrManifest() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      h.generate(20, 61);

      Process ok =
          h.startCliAs(
              "1g", S3TestServer.SECRET_KEY, "run", "--at", CompactorHarness.LAST_HOUR.toString());
      assertThat(ok.waitFor(3, TimeUnit.MINUTES)).isTrue();
      String okLog = Files.readString(h.lastCliLog(), StandardCharsets.UTF_8);
      assertThat(ok.exitValue()).as(okLog).isZero();

      Process denied =
          h.startCliAs("1g", PLANTED, "run", "--at", CompactorHarness.LAST_HOUR.toString());
      assertThat(denied.waitFor(3, TimeUnit.MINUTES)).isTrue();
      String deniedLog = Files.readString(h.lastCliLog(), StandardCharsets.UTF_8);

      assertThat(denied.exitValue()).as(deniedLog).isEqualTo(1);
      assertThat(deniedLog).contains("access denied").contains(h.config().stateRoot().bucket());
      assertThat(okLog).doesNotContain(S3TestServer.SECRET_KEY);
      assertThat(deniedLog).doesNotContain(PLANTED).doesNotContain(S3TestServer.SECRET_KEY);
      for (ObjectInfo state : h.storage().state().store().list(h.storage().state().key("") + "/")) {
        String text =
            new String(h.storage().state().store().readAll(state.key()), StandardCharsets.UTF_8);
        assertThat(text)
            .as(state.key())
            .doesNotContain(S3TestServer.SECRET_KEY)
            .doesNotContain(PLANTED);
      }
    }
  }
}
