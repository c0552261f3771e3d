package dev.syncline.app.cli;

import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --server} and {@code --token} options of the commands that talk to a running Syncline.
 */
final class ServerOption {

  static final String TOKEN_VARIABLE = "SYNCLINE_TOKEN";

  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "The Syncline to talk to (default: http://<server.host>:<server.port> from the configuration).")
  URI server;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "An API token (default: the environment variable SYNCLINE_TOKEN). An admin makes one under"
              + " API tokens in the dashboard.")
  String token;

  ApiClient client(SynclineCommand root) {
    var chosen =
        Optional.ofNullable(token)
            .or(() -> Optional.ofNullable(root.environment.get(TOKEN_VARIABLE)))
            .filter(t -> !t.isBlank());
    if (server != null) {
      return new ApiClient(server, chosen);
    }
    var config = root.loadConfigQuietly();
    var host = config.server().host();
    var shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    return new ApiClient(URI.create("http://" + shown + ":" + config.server().port()), chosen);
  }
}
