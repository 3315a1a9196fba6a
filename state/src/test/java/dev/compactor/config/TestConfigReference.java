package dev.compactor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference, conf/README.md, lists every key the loader accepts, with its
 * default.
 */
class TestConfigReference {

  @Test
  void everyKeyIsDocumented() throws Exception {
    String reference = Files.readString(Path.of("..", "conf", "README.md"));
    for (ConfigKeys.Key key : ConfigKeys.GLOBAL) {
      assertThat(reference).as(key.name()).contains("| `" + key.name() + "` |");
    }
    for (ConfigKeys.Key key : ConfigKeys.PER_EVENT_TYPE) {
      assertThat(reference).as(key.name()).contains("| `" + key.name() + "` |");
    }
  }
}
