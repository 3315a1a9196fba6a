package dev.compactor.config;

/**
 * The configuration is invalid; the message names the key, the value and what to do. Exit code 2.
 */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
