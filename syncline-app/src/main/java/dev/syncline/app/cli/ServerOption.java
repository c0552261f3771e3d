package dev.syncline.app.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** The {@code --server} option of the commands that talk to a running Syncline. */
final class ServerOption {

  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "The Syncline to talk to (default: http://<server.host>:<server.port> from the configuration).")
  URI server;

  ApiClient client(SynclineCommand root) {
    if (server != null) {
      return new ApiClient(server);
    }
    var config = root.loadConfigQuietly();
    var host = config.server().host();
    var shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    return new ApiClient(URI.create("http://" + shown + ":" + config.server().port()));
  }
}
