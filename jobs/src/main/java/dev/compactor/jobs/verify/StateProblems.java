package dev.compactor.jobs.verify;

import dev.compactor.plan.PartitionWork;
import java.util.List;

/** What the plan of a partition says is wrong with its state, before any data is read. */
final class StateProblems {

  private StateProblems() {}

  static List<Problem> of(PartitionWork work) {
    return switch (work.reason()) {
      case NEW ->
          List.of(
              new Problem(
                  work.partition(),
                  Problem.Kind.NOT_COMPACTED,
                  work.inputs().size() + " input file(s), no manifest entry",
                  ""));
      case CHANGED, EMPTIED ->
          List.of(
              new Problem(
                  work.partition(),
                  Problem.Kind.INPUTS_CHANGED,
                  work.previous().map(p -> p.inputs().size()).orElse(0)
                      + " file(s) at compaction, "
                      + work.inputs().size()
                      + " now: "
                      + work.detail(),
                  ""));
      case ORPHANED ->
          List.of(new Problem(work.partition(), Problem.Kind.ORPHAN_OUTPUT, work.detail(), ""));
      // Settled: the objects are deleted only when asked by name.
      case ORPHAN_KEPT ->
          List.of(
              new Problem(
                  work.partition(),
                  Problem.Kind.ORPHAN_OUTPUT,
                  work.detail(),
                  " --delete-orphans"));
      default -> List.of();
    };
  }
}
