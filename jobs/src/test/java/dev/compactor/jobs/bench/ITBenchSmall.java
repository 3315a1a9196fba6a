package dev.compactor.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the small benchmark end to end and checks only that its report is complete and well formed:
 * every contestant of every scenario ran, the Iceberg commit cost is the difference of the rows it
 * names, and the JSON, CSV and table agree. No timing is asserted; the numbers depend on the
 * machine.
 */
class ITBenchSmall {

  @TempDir Path out;

  @Test
  void smallBenchmarkReportsEveryContestantOfEveryScenario() throws Exception {
    BenchReport report =
        BenchMain.run(
            BenchSize.of("small"),
            BenchStore.S3,
            out,
            2,
            false,
            new PrintStream(new ByteArrayOutputStream()));

    JsonNode json = new ObjectMapper().readTree(Files.readString(out.resolve("bench.json")));
    Set<String> rows = new HashSet<>();
    for (JsonNode m : json.path("measurements")) {
      rows.add(
          m.path("scenario").asText()
              + "/"
              + m.path("factor").asInt()
              + "x/"
              + m.path("contestant").asText());
      assertThat(m.path("wallSeconds").asDouble()).as("wall time of %s", m).isPositive();
      assertThat(m.path("requests").isObject())
          .as("requests counted at the proxy for %s", m)
          .isTrue();
    }
    assertThat(rows)
        .containsExactlyInAnyOrder(
            "first-run/1x/ours",
            "first-run/1x/ours-iceberg",
            "first-run/1x/baseline",
            "first-run/1x/floor",
            "steady-state/1x/ours",
            "steady-state/1x/ours-iceberg",
            "steady-state/1x/baseline",
            "steady-state/1x/floor",
            "no-change/1x/ours",
            "no-change/1x/ours-iceberg",
            "no-change/1x/baseline",
            "no-change/1x/floor",
            "replay/1x/ours",
            "replay/1x/ours-iceberg",
            "replay/1x/baseline",
            "replay/1x/floor",
            "first-run/2x/ours",
            "first-run/2x/floor",
            "steady-state/2x/ours",
            "steady-state/2x/floor");
    assertThat(find(json, "first-run", "ours").path("requests").path("GET").asLong())
        .as("the proxy counted the first run's GETs")
        .isPositive();
    JsonNode noChange = find(json, "no-change", "ours");
    assertThat(noChange.path("inputGets").asLong())
        .as("no-change run reads no input data")
        .isZero();
    assertThat(json.path("goals").size()).as("goals judged").isGreaterThanOrEqualTo(8);
    assertIcebergCommitCost(json);
    assertOursVsFloor(json);

    List<String> csv = Files.readAllLines(out.resolve("bench.csv"), StandardCharsets.UTF_8);
    assertThat(csv).hasSize(1 + rows.size());
    int columns = csv.get(0).split(",").length;
    assertThat(csv).allSatisfy(line -> assertThat(line.split(",", -1)).hasSize(columns));
    assertThat(report.table())
        .contains(
            "first-run",
            "steady-state",
            "no-change",
            "replay",
            "ours-iceberg",
            "baseline",
            "floor",
            "goals:",
            "iceberg commit cost",
            "ours against the floor and the hand-written job");
  }

  /** Every scenario and scale that ran ours and the floor, each with the ratio of their rows. */
  private static void assertOursVsFloor(JsonNode json) {
    JsonNode rows = json.path("oursVsFloor").path("scenarios");
    assertThat(rows.findValuesAsText("scenario"))
        .as("ours vs floor rows")
        .contains("first-run", "steady-state", "no-change", "replay");
    for (JsonNode row : rows) {
      String scenario = row.path("scenario").asText();
      JsonNode ours = find(json, scenario, "ours", row.path("factor").asInt());
      JsonNode floor = find(json, scenario, "floor", row.path("factor").asInt());
      assertThat(row.path("oursOverFloor").asDouble())
          .as("ours over floor in %s", scenario)
          .isCloseTo(
              ours.path("wallSeconds").asDouble() / floor.path("wallSeconds").asDouble(),
              within(1e-9));
    }
  }

  /**
   * One entry per 1x scenario, each the difference and ratio of its ours and ours-iceberg rows; the
   * two contestants worked on their own state (the same records decoded, so neither found the
   * other's outputs) and only ours-iceberg reached the catalog.
   */
  private static void assertIcebergCommitCost(JsonNode json) {
    JsonNode cost = json.path("icebergCommitCost");
    List<String> scenarios = List.of("first-run", "steady-state", "no-change", "replay");
    assertThat(cost.path("scenarios").findValuesAsText("scenario"))
        .as("iceberg commit cost scenarios")
        .containsExactlyElementsOf(scenarios);
    double total = 0;
    for (JsonNode row : cost.path("scenarios")) {
      String scenario = row.path("scenario").asText();
      JsonNode ours = find(json, scenario, "ours");
      JsonNode iceberg = find(json, scenario, "ours-iceberg");
      double oursWall = ours.path("wallSeconds").asDouble();
      double icebergWall = iceberg.path("wallSeconds").asDouble();
      assertThat(row.path("oursWallSeconds").asDouble()).as(scenario).isEqualTo(oursWall);
      assertThat(row.path("oursIcebergWallSeconds").asDouble()).as(scenario).isEqualTo(icebergWall);
      assertThat(row.path("extraSeconds").asDouble())
          .as("extra seconds of %s", scenario)
          .isCloseTo(icebergWall - oursWall, within(1e-9));
      assertThat(row.path("ratio").asDouble())
          .as("ratio of %s", scenario)
          .isCloseTo(icebergWall / oursWall, within(1e-9));
      for (String type : List.of("LIST", "GET", "HEAD", "PUT")) {
        assertThat(row.path("extraRequests").path(type).isIntegralNumber())
            .as("extra %s requests of %s", type, scenario)
            .isTrue();
      }
      assertThat(iceberg.path("records").asLong())
          .as("ours-iceberg decoded what ours decoded in %s", scenario)
          .isEqualTo(ours.path("records").asLong());
      assertThat(requestsOf(iceberg.path("catalogRequests")))
          .as("ours-iceberg's catalog requests in %s", scenario)
          .isPositive();
      assertThat(requestsOf(ours.path("catalogRequests")))
          .as("ours' catalog requests in %s", scenario)
          .isZero();
      total += row.path("extraSeconds").asDouble();
    }
    for (String committed : List.of("first-run", "steady-state")) {
      assertThat(
              find(json, committed, "ours-iceberg").path("catalogRequests").path("POST").asLong())
          .as("the %s of ours-iceberg committed to the table", committed)
          .isPositive();
    }
    assertThat(cost.path("totalExtraSeconds").asDouble()).isCloseTo(total, within(1e-9));
  }

  private static long requestsOf(JsonNode byMethod) {
    long n = 0;
    for (JsonNode count : byMethod) {
      n += count.asLong();
    }
    return n;
  }

  private static JsonNode find(JsonNode json, String scenario, String contestant) {
    return find(json, scenario, contestant, 1);
  }

  private static JsonNode find(JsonNode json, String scenario, String contestant, int factor) {
    for (JsonNode m : json.path("measurements")) {
      if (m.path("scenario").asText().equals(scenario)
          && m.path("contestant").asText().equals(contestant)
          && m.path("factor").asInt() == factor) {
        return m;
      }
    }
    throw new AssertionError("no " + scenario + "/" + contestant + " row in the benchmark report");
  }
}
