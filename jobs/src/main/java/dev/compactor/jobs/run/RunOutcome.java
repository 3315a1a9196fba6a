package dev.compactor.jobs.run;

import dev.compactor.plan.Plan;

/** How a run ended: the exit code, the plan it made and the report it wrote. */
public record RunOutcome(ExitCode exitCode, Plan plan, RunReport report, boolean sparkStarted) {}
