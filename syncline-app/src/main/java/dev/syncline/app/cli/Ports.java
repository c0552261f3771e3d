package dev.syncline.app.cli;

import dev.syncline.app.UserError;
import dev.syncline.app.config.SynclineConfig;

/**
 * Port options: {@code --port} of serve and demo, which wins over {@code server.port}, and the
 * like.
 */
final class Ports {

  private Ports() {}

  static SynclineConfig override(SynclineConfig config, Integer port) {
    return port == null ? config : config.withPort(check("--port", port));
  }

  /** A port given on the command line, or a user error naming the option. */
  static int check(String option, int port) {
    if (port < 0 || port > 65535) {
      throw new UserError(
          option + " must be from 1 to 65535 (or 0 for any free port), not " + port);
    }
    return port;
  }
}
