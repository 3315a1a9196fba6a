package dev.compactor.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * The lease lock that keeps one writer per event type.
 *
 * @param lease how long a lease lasts without renewal; a killed holder blocks others this long
 * @param renewEvery how often a running job renews it
 */
public record LockSettings(Duration lease, Duration renewEvery) implements Serializable {}
