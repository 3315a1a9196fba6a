package dev.compactor.jobs.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Reason;
import dev.compactor.domain.Window;
import dev.compactor.jobs.BuildInfo;
import dev.compactor.layout.Layout;
import dev.compactor.plan.PartitionWork;
import dev.compactor.store.StoreUri;

/**
 * The parts that {@code plan --json} and {@code status --json} share, and their writer. The shape
 * is a contract with orchestrators: fields are only ever added; a renamed or removed field bumps
 * {@link #FORMAT_VERSION}. submit/README.md, "Plans and status as JSON", documents every field.
 */
final class JsonDocuments {

  /** The version of the JSON shape, not of the compactor. */
  static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonDocuments() {}

  static String write(Object document) {
    try {
      return JSON.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + document.getClass().getSimpleName(), e);
    }
  }

  static String compactorVersion() {
    return BuildInfo.current().label();
  }

  /** An inclusive range of hours, e.g. {@code 2026-11-23T06} to {@code 2026-11-23T17}. */
  record Hours(String first, String last, int hours) {
    static Hours of(Window window) {
      return new Hours(window.first().toString(), window.last().toString(), window.size());
    }
  }

  /**
   * One partition and what the planner decided for it.
   *
   * @param partition {@code dt=2026-11-23 hr=17 bucket=3}
   * @param hour its hour
   * @param bucket its bucket number
   * @param reason the planner's reason ({@link Reason} labels: new, changed, settings, ...)
   * @param action {@code rebuild}, {@code delete-outputs} or {@code none}
   * @param detail what changed, for people
   * @param files input files it has now
   * @param bytes their total size
   * @param avro the URI of its Avro output
   * @param parquet the URI of its Parquet output
   */
  record Partition(
      String partition,
      String hour,
      int bucket,
      String reason,
      String action,
      String detail,
      int files,
      long bytes,
      String avro,
      String parquet) {

    static Partition of(PartitionWork work, Layout layout, StoreUri outputRoot) {
      PartitionId id = work.partition();
      return new Partition(
          id.toString(),
          id.hour().toString(),
          id.bucket(),
          work.reason().label(),
          action(work.reason()),
          work.detail(),
          work.inputs().size(),
          work.inputBytes(),
          outputRoot.resolve(layout.dataKey(Layout.AVRO, id)).toString(),
          outputRoot.resolve(layout.dataKey(Layout.PARQUET, id)).toString());
    }

    private static String action(Reason reason) {
      if (reason.requiresRewrite()) {
        return "rebuild";
      }
      return reason.requiresWork() ? "delete-outputs" : "none";
    }
  }
}
