package dev.compactor.jobs.verify;

import dev.compactor.config.CompactorConfig;
import dev.compactor.config.EventTypeConfig;
import dev.compactor.domain.Hour;
import dev.compactor.domain.PartitionId;
import dev.compactor.store.ObjectStore;
import dev.compactor.store.ObjectStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import scala.Tuple2;

/**
 * Finds event IDs that more than one bucket of the same hour holds. Upstream puts every copy of an
 * event into one bucket by a hash of its ID, which is why dedupe never looks across buckets; a
 * delivery written to the wrong bucket breaks that silently, and only a check across buckets sees
 * it. The IDs go through a Spark shuffle keyed by (hour, ID), so no machine holds an hour's IDs at
 * once.
 */
final class CrossBucketIds {

  /**
   * At most this many duplicated IDs are brought back to the driver; enough to show the pattern.
   */
  private static final int EXAMPLES = 1000;

  private CrossBucketIds() {}

  static List<Problem> find(
      JavaRDD<PartitionCheck> checks, CompactorConfig config, EventTypeConfig eventType) {
    List<Tuple2<String, Iterable<Integer>>> shared =
        checks
            .filter(c -> c.avroKey() != null)
            .flatMapToPair(new AvroIds(config, eventType))
            .distinct()
            .groupByKey()
            .filter(t -> buckets(t._2()).size() > 1)
            .take(EXAMPLES);
    // One problem per hour and set of buckets, with a count and a few example IDs.
    Map<Shared, List<String>> byBuckets = new TreeMap<>();
    for (Tuple2<String, Iterable<Integer>> t : shared) {
      int bar = t._1().indexOf('|');
      Shared where = new Shared(Hour.parse(t._1().substring(0, bar)), buckets(t._2()));
      byBuckets.computeIfAbsent(where, k -> new ArrayList<>()).add(t._1().substring(bar + 1));
    }
    List<Problem> problems = new ArrayList<>();
    byBuckets.forEach(
        (where, ids) ->
            problems.add(
                new Problem(
                    new PartitionId(where.hour(), where.buckets().get(0)),
                    Problem.Kind.DUPLICATE_IDS_ACROSS_BUCKETS,
                    ids.size()
                        + (shared.size() == EXAMPLES ? "+" : "")
                        + " event ID(s) in buckets "
                        + where.buckets()
                        + " of one hour, e.g. "
                        + ids.subList(0, Math.min(3, ids.size())),
                    "")));
    return problems;
  }

  /** An hour and the buckets, ascending, that hold the same IDs in it. */
  private record Shared(Hour hour, List<Integer> buckets) implements Comparable<Shared> {
    @Override
    public int compareTo(Shared other) {
      int byHour = hour.compareTo(other.hour);
      return byHour != 0 ? byHour : buckets.toString().compareTo(other.buckets.toString());
    }
  }

  private static List<Integer> buckets(Iterable<Integer> values) {
    TreeSet<Integer> sorted = new TreeSet<>();
    values.forEach(sorted::add);
    return List.copyOf(sorted);
  }

  /** (hour|ID, bucket) for every row of a partition's Avro output. */
  static final class AvroIds implements PairFlatMapFunction<PartitionCheck, String, Integer> {
    private final CompactorConfig config;
    private final EventTypeConfig eventType;

    AvroIds(CompactorConfig config, EventTypeConfig eventType) {
      this.config = config;
      this.eventType = eventType;
    }

    @Override
    public Iterator<Tuple2<String, Integer>> call(PartitionCheck check) {
      Schema schema = eventType.schema();
      String hour = check.partition().hour().toString();
      int bucket = check.partition().bucket();
      try (ObjectStore outputs = ObjectStores.open(config.outputRoot(), config.s3())) {
        List<Tuple2<String, Integer>> pairs = new ArrayList<>();
        for (String id :
            OutputIds.avro(outputs.readAll(check.avroKey()), schema, eventType.eventId())) {
          pairs.add(new Tuple2<>(hour + "|" + id, bucket));
        }
        return pairs.iterator();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + check.avroKey(), e);
      }
    }
  }
}
