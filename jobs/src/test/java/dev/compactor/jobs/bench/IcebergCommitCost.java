package dev.compactor.jobs.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the Iceberg table commit adds to a run: {@code ours-iceberg} against {@code ours} in each 1x
 * scenario, run one right after the other on the same input. A measurement, not a goal.
 */
final class IcebergCommitCost {

  /** S3 request types whose difference the section shows. */
  private static final List<String> REQUEST_TYPES = List.of("LIST", "GET", "HEAD", "PUT");

  /** One scenario's pair of runs. */
  record Row(Measurement ours, Measurement iceberg) {

    String scenario() {
      return ours.scenario();
    }

    /** ours-iceberg's wall time minus ours'. */
    double extraSeconds() {
      return iceberg.wallSeconds() - ours.wallSeconds();
    }

    /** ours-iceberg's wall time over ours'. */
    double ratio() {
      return iceberg.wallSeconds() / ours.wallSeconds();
    }

    /** S3 requests of {@code type} ours-iceberg made beyond ours', the catalog's own included. */
    long extraRequests(String type) {
      return iceberg.request(type) - ours.request(type);
    }
  }

  private final List<Row> rows;

  IcebergCommitCost(List<Measurement> all) {
    List<Row> pairs = new ArrayList<>();
    for (Measurement m : all) {
      if (m.factor() == 1 && m.contestant().equals("ours")) {
        find(all, m.scenario(), "ours-iceberg").ifPresent(i -> pairs.add(new Row(m, i)));
      }
    }
    this.rows = List.copyOf(pairs);
  }

  List<Row> rows() {
    return rows;
  }

  double totalExtraSeconds() {
    return rows.stream().mapToDouble(Row::extraSeconds).sum();
  }

  /** The report's section; empty when no scenario ran both contestants. */
  String table() {
    if (rows.isEmpty()) {
      return "";
    }
    StringBuilder out =
        new StringBuilder(
            "iceberg commit cost (ours-iceberg minus ours, 1x; S3 requests include the catalog's"
                + " own):\n");
    String header =
        String.format(
            Locale.ROOT,
            "  %-13s %7s %9s %8s %6s %6s %6s %6s %6s  %s%n",
            "scenario",
            "ours s",
            "iceberg s",
            "extra s",
            "ratio",
            "+LIST",
            "+GET",
            "+HEAD",
            "+PUT",
            "catalog GET/HEAD/POST/REPORT");
    out.append(header);
    for (Row r : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-13s %7.1f %9.1f %+8.1f %5.2fx %+6d %+6d %+6d %+6d  %d/%d/%d/%d%n",
              r.scenario(),
              r.ours().wallSeconds(),
              r.iceberg().wallSeconds(),
              r.extraSeconds(),
              r.ratio(),
              r.extraRequests("LIST"),
              r.extraRequests("GET"),
              r.extraRequests("HEAD"),
              r.extraRequests("PUT"),
              catalog(r.iceberg(), "GET"),
              catalog(r.iceberg(), "HEAD"),
              catalog(r.iceberg(), "POST"),
              catalog(r.iceberg(), "REPORT")));
    }
    out.append(
        String.format(
            Locale.ROOT, "  %-13s %7s %9s %+8.1f%n", "total", "", "", totalExtraSeconds()));
    return out.toString();
  }

  /** The section as JSON fields of {@code node}. */
  void json(ObjectNode node) {
    node.put(
        "measure",
        "per 1x scenario: ours-iceberg (parquet-table=iceberg) against ours, run one after the"
            + " other on the same input; extraRequests include the catalog's own S3 requests");
    node.put("totalExtraSeconds", totalExtraSeconds());
    var scenarios = node.putArray("scenarios");
    for (Row r : rows) {
      ObjectNode row = scenarios.addObject();
      row.put("scenario", r.scenario());
      row.put("oursWallSeconds", r.ours().wallSeconds());
      row.put("oursIcebergWallSeconds", r.iceberg().wallSeconds());
      row.put("extraSeconds", r.extraSeconds());
      row.put("ratio", r.ratio());
      ObjectNode extra = row.putObject("extraRequests");
      REQUEST_TYPES.forEach(t -> extra.put(t, r.extraRequests(t)));
      ObjectNode catalog = row.putObject("catalogRequests");
      r.iceberg().catalogRequests().forEach(catalog::put);
    }
  }

  private static long catalog(Measurement m, String method) {
    return m.catalogRequests().getOrDefault(method, 0L);
  }

  private static Optional<Measurement> find(
      List<Measurement> all, String scenario, String contestant) {
    return all.stream()
        .filter(
            m ->
                m.factor() == 1
                    && m.scenario().equals(scenario)
                    && m.contestant().equals(contestant))
        .findFirst();
  }
}
