package dev.compactor.jobs.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compactor.domain.Hour;
import dev.compactor.domain.OutputFile;
import dev.compactor.domain.PartitionId;
import dev.compactor.layout.Layout;
import dev.compactor.store.LocalObjectStore;
import dev.compactor.store.Storage;
import dev.compactor.store.StoreUri;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestOutputPublisher {

  private static final PartitionId PARTITION = new PartitionId(Hour.parse("2026-11-23T17"), 7);

  @TempDir Path dir;

  @Test
  void publishesToThePartitionsKeyAndRecordsWhatItWrote() throws Exception {
    Storage.Root outputs = outputs();
    Path file = Files.writeString(dir.resolve("part.avro"), "bytes");

    OutputFile written =
        new OutputPublisher(outputs, new Layout("clicks", 2), () -> {})
            .publish(Layout.AVRO, PARTITION, file, 3);

    assertThat(written.key())
        .isEqualTo(outputs.key("avro/clicks/dt=2026-11-23/hr=17/part-07.avro"));
    assertThat(written.size()).isEqualTo(5);
    assertThat(written.rows()).isEqualTo(3);
    assertThat(outputs.store().readAll(written.key())).isEqualTo("bytes".getBytes());
  }

  @Test
  void aClosedFenceStopsTheWrite() throws Exception {
    Storage.Root outputs = outputs();
    Path file = Files.writeString(dir.resolve("part.avro"), "bytes");
    OutputPublisher fenced =
        new OutputPublisher(
            outputs,
            new Layout("clicks", 2),
            () -> {
              throw new IllegalStateException("lease lost");
            });

    assertThatThrownBy(() -> fenced.publish(Layout.AVRO, PARTITION, file, 3))
        .hasMessage("lease lost");
    assertThat(outputs.listFolder("avro")).isEmpty();
  }

  @Test
  void deletesAllButTheKeptAndNamesEach() {
    Storage.Root outputs = outputs();
    String kept = outputs.key("avro/a.avro");
    String gone = outputs.key("avro/b.avro");
    outputs.store().put(kept, new byte[] {1});
    outputs.store().put(gone, new byte[] {2});
    List<String> named = new ArrayList<>();

    new OutputPublisher(outputs, new Layout("clicks", 2), () -> {})
        .deleteExcept(List.of(kept, gone), Set.of(kept), named::add);

    assertThat(named).containsExactly(outputs.store().uri(gone));
    assertThat(outputs.listFolder("avro")).extracting(o -> o.key()).containsExactly(kept);
  }

  private Storage.Root outputs() {
    return new Storage.Root(
        StoreUri.parse("file://" + dir.resolve("out").toAbsolutePath()), new LocalObjectStore());
  }
}
