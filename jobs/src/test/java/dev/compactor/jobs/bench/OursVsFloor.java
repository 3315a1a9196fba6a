package dev.compactor.jobs.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Ours as a multiple of the floor, and the hand-written job as a multiple of ours, for each
 * scenario and scale that ran them: the ratios the goals judge, for every row, measured in the same
 * run.
 */
final class OursVsFloor {

  /** One scenario at one scale; the baseline only where it ran. */
  record Row(Measurement ours, Measurement floor, Optional<Measurement> baseline) {

    /** Ours' wall time over the floor's. */
    double oursOverFloor() {
      return ours.wallSeconds() / floor.wallSeconds();
    }

    /** The baseline's wall time over ours', when the baseline ran. */
    Optional<Double> baselineOverOurs() {
      return baseline.map(b -> b.wallSeconds() / ours.wallSeconds());
    }
  }

  private final List<Row> rows;

  OursVsFloor(List<Measurement> all) {
    List<Row> found = new ArrayList<>();
    for (Measurement m : all) {
      if (m.contestant().equals("ours")) {
        find(all, m, "floor").ifPresent(f -> found.add(new Row(m, f, find(all, m, "baseline"))));
      }
    }
    this.rows = List.copyOf(found);
  }

  List<Row> rows() {
    return rows;
  }

  /** The report's section; empty when no scenario ran both. */
  String table() {
    if (rows.isEmpty()) {
      return "";
    }
    StringBuilder out =
        new StringBuilder("ours against the floor and the hand-written job (same run):\n");
    out.append(
        String.format(
            Locale.ROOT,
            "  %-13s %3s %7s %8s %11s %11s %14s%n",
            "scenario",
            "x",
            "ours s",
            "floor s",
            "ours/floor",
            "baseline s",
            "baseline/ours"));
    for (Row r : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-13s %3d %7.1f %8.1f %10.2fx %11s %14s%n",
              r.ours().scenario(),
              r.ours().factor(),
              r.ours().wallSeconds(),
              r.floor().wallSeconds(),
              r.oursOverFloor(),
              r.baseline()
                  .map(b -> String.format(Locale.ROOT, "%.1f", b.wallSeconds()))
                  .orElse("-"),
              r.baselineOverOurs().map(x -> String.format(Locale.ROOT, "%.1fx", x)).orElse("-")));
    }
    return out.toString();
  }

  /** The section as JSON fields of {@code node}. */
  void json(ObjectNode node) {
    var scenarios = node.putArray("scenarios");
    for (Row r : rows) {
      ObjectNode row = scenarios.addObject();
      row.put("scenario", r.ours().scenario());
      row.put("factor", r.ours().factor());
      row.put("oursWallSeconds", r.ours().wallSeconds());
      row.put("floorWallSeconds", r.floor().wallSeconds());
      row.put("oursOverFloor", r.oursOverFloor());
      r.baselineOverOurs().ifPresent(x -> row.put("baselineOverOurs", x));
    }
  }

  private static Optional<Measurement> find(
      List<Measurement> all, Measurement ours, String contestant) {
    return all.stream()
        .filter(
            m ->
                m.scenario().equals(ours.scenario())
                    && m.factor() == ours.factor()
                    && m.contestant().equals(contestant))
        .findFirst();
  }
}
