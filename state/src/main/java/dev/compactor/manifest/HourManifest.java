package dev.compactor.manifest;

import dev.compactor.domain.Hour;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The state of one (event type, hour): one entry per bucket that has outputs. Written last, after
 * every output it names exists, so a crash before it leaves the previous manifest and the next run
 * redoes exactly the unfinished work.
 */
public record HourManifest(
    int format, String eventType, Hour hour, List<PartitionEntry> partitions) {

  public static final int FORMAT = 1;

  public HourManifest {
    partitions =
        partitions.stream().sorted(Comparator.comparingInt(PartitionEntry::bucket)).toList();
  }

  public static HourManifest empty(String eventType, Hour hour) {
    return new HourManifest(FORMAT, eventType, hour, List.of());
  }

  public Optional<PartitionEntry> partition(int bucket) {
    return partitions.stream().filter(p -> p.bucket() == bucket).findFirst();
  }

  public Map<Integer, PartitionEntry> byBucket() {
    return partitions.stream()
        .collect(Collectors.toMap(PartitionEntry::bucket, Function.identity()));
  }
}
