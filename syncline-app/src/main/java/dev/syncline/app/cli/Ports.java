package dev.syncline.app.cli;

import dev.syncline.app.UserError;
import dev.syncline.app.config.SynclineConfig;

/** The {@code --port} option of serve and demo, which wins over {@code server.port}. */
final class Ports {

  private Ports() {}

  static SynclineConfig override(SynclineConfig config, Integer port) {
    if (port == null) {
      return config;
    }
    if (port < 0 || port > 65535) {
      throw new UserError("--port must be from 1 to 65535 (or 0 for any free port), not " + port);
    }
    return config.withPort(port);
  }
}
