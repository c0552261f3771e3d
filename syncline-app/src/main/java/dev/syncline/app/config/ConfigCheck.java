package dev.syncline.app.config;

import java.util.List;

/**
 * A check of a configuration that the schema alone cannot make (names that must be unique,
 * references that must resolve). Its findings are reported like the schema's, at the line and
 * column of their key.
 */
@FunctionalInterface
public interface ConfigCheck {

  /** One problem: the key in dotted form ({@code flows[0].every}) and what is wrong with it. */
  record Finding(String key, String message) {}

  List<Finding> check(SynclineConfig config);
}
