package dev.compactor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration reference lists every key the loader accepts, with its default. */
class TestReadmeConfigReference {

  @Test
  void everyKeyIsDocumented() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    for (ConfigKeys.Key key : ConfigKeys.GLOBAL) {
      assertThat(readme).as(key.name()).contains("| `" + key.name() + "` |");
    }
    for (ConfigKeys.Key key : ConfigKeys.PER_EVENT_TYPE) {
      assertThat(readme).as(key.name()).contains("| `" + key.name() + "` |");
    }
  }
}
