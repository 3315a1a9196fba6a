package dev.compactor.jobs.run;

import dev.compactor.layout.Layout;
import dev.compactor.manifest.ManifestCodec;
import dev.compactor.store.ObjectInfo;
import dev.compactor.store.Storage;
import java.io.IOException;
import java.util.Comparator;
import java.util.Optional;

/**
 * Run reports in the state store, one JSON object per run under {@link Layout#runReportFolder()}.
 */
public final class RunReportStore {

  private final Storage.Root state;
  private final Layout layout;

  public RunReportStore(Storage.Root state, Layout layout) {
    this.state = state;
    this.layout = layout;
  }

  public void write(RunReport report) {
    state.put(layout.runReportKey(report.runId()), ManifestCodec.write(report));
  }

  /** The URI a report of {@code runId} is written to. */
  public String uriOf(String runId) {
    return state.uriOf(layout.runReportKey(runId));
  }

  /** The newest run report: run IDs start with their UTC start time, so key order is time order. */
  public Optional<RunReport> newest() {
    return state.listFolder(layout.runReportFolder()).stream()
        .max(Comparator.comparing(ObjectInfo::key))
        .map(o -> decode(state.store().readAll(o.key()), state.store().uri(o.key())));
  }

  private static RunReport decode(byte[] bytes, String uri) {
    try {
      return ManifestCodec.mapper().readValue(bytes, RunReport.class);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read run report " + uri + ": " + e.getMessage(), e);
    }
  }
}
