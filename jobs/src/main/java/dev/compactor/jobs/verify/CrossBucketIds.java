package dev.compactor.jobs.verify;

import dev.compactor.config.CompactorConfig;
import dev.compactor.config.EventTypeConfig;
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
 * delivery written to the wrong bucket breaks that silently, and only a check across buckets sees it.
 * The IDs go through a Spark shuffle keyed by (hour, ID), so no machine holds an hour's IDs at once.
 */
final class CrossBucketIds {

  /** At most this many duplicated IDs are brought back to the driver; enough to show the pattern. */
  private static final int EXAMPLES = 1000;

  private CrossBucketIds() {}

  static List<Problem> find(JavaRDD<PartitionCheck> checks, CompactorConfig config, EventTypeConfig eventType) {
    List<Tuple2<String, Iterable<Integer>>> shared =
        checks.filter(c -> c.avroKey() != null)
            .flatMapToPair(new AvroIds(config, eventType))
            .distinct()
            .groupByKey()
            .filter(t -> t._2().iterator().hasNext() && count(t._2()) > 1)
            .take(EXAMPLES);
    // One problem per (hour, set of buckets), with a count and a few example IDs.
    Map<String, List<String>> byBuckets = new TreeMap<>();
    Map<String, PartitionId> first = new TreeMap<>();
    for (Tuple2<String, Iterable<Integer>> t : shared) {
      String hour = t._1().substring(0, t._1().indexOf('|'));
      TreeSet<Integer> buckets = new TreeSet<>();
      t._2().forEach(buckets::add);
      String group = hour + " " + buckets;
      byBuckets.computeIfAbsent(group, k -> new ArrayList<>()).add(t._1().substring(hour.length() + 1));
      first.putIfAbsent(group, new PartitionId(dev.compactor.domain.Hour.parse(hour), buckets.first()));
    }
    List<Problem> problems = new ArrayList<>();
    byBuckets.forEach((group, ids) -> problems.add(new Problem(first.get(group), Problem.Kind.DUPLICATE_IDS_ACROSS_BUCKETS,
        ids.size() + (shared.size() == EXAMPLES ? "+" : "") + " event ID(s) in buckets "
            + group.substring(group.indexOf(' ') + 1) + " of one hour, e.g. " + ids.subList(0, Math.min(3, ids.size())),
        "")));
    return problems;
  }

  private static int count(Iterable<Integer> values) {
    int n = 0;
    for (Iterator<Integer> it = values.iterator(); it.hasNext(); it.next()) {
      n++;
    }
    return n;
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
      Schema schema = new Schema.Parser().parse(eventType.readerSchemaJson());
      String hour = check.partition().hour().toString();
      int bucket = check.partition().bucket();
      try (ObjectStore outputs = ObjectStores.open(config.outputRoot(), config.s3())) {
        List<Tuple2<String, Integer>> pairs = new ArrayList<>();
        for (String id : OutputIds.avro(outputs.readAll(check.avroKey()), schema, eventType.eventId())) {
          pairs.add(new Tuple2<>(hour + "|" + id, bucket));
        }
        return pairs.iterator();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + check.avroKey(), e);
      }
    }
  }
}
