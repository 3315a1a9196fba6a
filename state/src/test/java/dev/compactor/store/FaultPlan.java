package dev.compactor.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Decides, per request, which fault the loopback proxy injects: permanent rules first (e.g. every
 * PUT to one bucket is denied), then random faults at a fixed rate drawn from a seeded generator,
 * so a failing run can be replayed with the same seed (request order permitting).
 */
public final class FaultPlan {

  private final List<Rule> rules = new ArrayList<>();
  private double rate;
  private List<Fault> randomKinds = List.of();
  private Random random = new Random(0);
  private Duration delay = Duration.ofMillis(200);

  private record Rule(Predicate<ProxiedRequest> matches, Fault fault) {}

  /** No faults: every request is forwarded. */
  public static FaultPlan none() {
    return new FaultPlan();
  }

  /**
   * Injects one of {@code kinds} (chosen uniformly) into a fraction {@code rate} of requests.
   *
   * @param rate between 0 and 1
   */
  public synchronized FaultPlan random(double rate, long seed, List<Fault> kinds) {
    if (rate < 0 || rate > 1 || (rate > 0 && kinds.isEmpty())) {
      throw new IllegalArgumentException("rate " + rate + " with kinds " + kinds);
    }
    this.rate = rate;
    this.randomKinds = List.copyOf(kinds);
    this.random = new Random(seed);
    return this;
  }

  /** Every request that {@code matches} gets {@code fault}, before any random fault. */
  public synchronized FaultPlan always(Predicate<ProxiedRequest> matches, Fault fault) {
    rules.add(new Rule(matches, fault));
    return this;
  }

  /**
   * Every request needing IAM action {@code iamAction} on {@code bucket} answers 403 AccessDenied.
   */
  public FaultPlan deny(String iamAction, String bucket) {
    return always(
        r -> r.bucket().equals(bucket) && r.iamAction().equals(iamAction), Fault.ACCESS_DENIED);
  }

  /** How long a {@link Fault#DELAY} holds a request before forwarding it. */
  public synchronized FaultPlan delay(Duration delay) {
    this.delay = delay;
    return this;
  }

  synchronized Duration delay() {
    return delay;
  }

  synchronized Optional<Fault> decide(ProxiedRequest request) {
    for (Rule rule : rules) {
      if (rule.matches().test(request)) {
        return Optional.of(rule.fault());
      }
    }
    if (rate > 0 && random.nextDouble() < rate) {
      return Optional.of(randomKinds.get(random.nextInt(randomKinds.size())));
    }
    return Optional.empty();
  }
}
