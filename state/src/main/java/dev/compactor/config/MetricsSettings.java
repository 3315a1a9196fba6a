package dev.compactor.config;

import java.io.Serializable;
import java.util.Map;

/**
 * The CloudWatch Embedded Metric Format line each run prints.
 *
 * @param namespace CloudWatch namespace
 * @param dimensions fixed dimensions added to {@code EventType}, e.g. {@code Environment=prod}
 */
public record MetricsSettings(String namespace, Map<String, String> dimensions)
    implements Serializable {

  public MetricsSettings {
    dimensions = Map.copyOf(dimensions);
  }
}
