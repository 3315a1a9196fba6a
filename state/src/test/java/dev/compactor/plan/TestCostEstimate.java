package dev.compactor.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.compactor.config.PriceTable;
import dev.compactor.domain.Hour;
import dev.compactor.domain.InputFile;
import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Reason;
import dev.compactor.domain.Window;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TestCostEstimate {

  private static final Hour H = Hour.parse("2026-11-23T17");
  private static final PriceTable PRICES = new PriceTable(0.0004, 0.005, 0.04, 2.0);

  @Test
  void countsRequestsAndPricesThem() {
    Plan plan =
        new Plan(
            Window.ending(H, 12),
            "s",
            List.of(
                work(new PartitionId(H, 0), Reason.NEW, 3, 1_000_000),
                work(new PartitionId(H, 1), Reason.CHANGED, 2, 1_000_000),
                work(new PartitionId(H.minusHours(1), 0), Reason.EMPTIED, 0, 0),
                work(new PartitionId(H.minusHours(2), 0), Reason.UNCHANGED, 5, 1_000_000)));

    CostEstimate cost = CostEstimate.of(plan, 14, 12, PRICES);

    assertThat(cost.list()).isEqualTo(14);
    assertThat(cost.get()).isEqualTo(12 + 5);
    assertThat(cost.put()).isEqualTo(2 * 2 + 2 + 1 + 1);
    assertThat(cost.delete()).isEqualTo(2 + 1);
    assertThat(cost.bytesToRead()).isEqualTo(5_000_000);
    assertThat(cost.usdRequests())
        .isCloseTo((17 + 1) / 1000.0 * 0.0004 + (8 + 14) / 1000.0 * 0.005, within(1e-12));
    assertThat(cost.usdCompute()).isCloseTo(5.0 / 2.0 / 3600 * 0.04, within(1e-12));
    assertThat(cost.toString())
        .contains("5.0 MB to read", "LIST 14, GET 17, HEAD 1, PUT 8, DELETE 3");
  }

  @Test
  void emptyPlanCostsOnlyTheLockAndReport() {
    CostEstimate cost =
        CostEstimate.of(new Plan(Window.ending(H, 12), "s", List.of()), 12, 0, PRICES);

    assertThat(cost.get()).isZero();
    assertThat(cost.put()).isEqualTo(2);
    assertThat(cost.usdCompute()).isZero();
  }

  private static PartitionWork work(PartitionId id, Reason reason, int files, long bytesPerFile) {
    List<InputFile> inputs =
        IntStream.range(0, files)
            .mapToObj(i -> new InputFile(id + "/" + i, bytesPerFile, "e", "m" + i))
            .toList();
    return new PartitionWork(
        id, reason, "", inputs, "fp", Optional.empty(), PartitionWork.Carry.NONE, List.of());
  }
}
