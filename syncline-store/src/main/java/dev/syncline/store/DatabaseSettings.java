package dev.syncline.store;

import dev.syncline.core.Secret;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where Syncline keeps its state.
 *
 * @param url a JDBC URL ({@code jdbc:postgresql://host:5432/db}) or a libpq URL ({@code
 *     postgresql://user:pass@host/db}); empty means "run the embedded server"
 * @param user the user name, when the URL does not carry it
 * @param password the password, when the URL does not carry it
 * @param embeddedDataDirectory where the embedded server keeps its data between runs
 * @param embeddedPort the embedded server's port, 0 for any free port
 * @param poolSize the most connections this process opens
 */
public record DatabaseSettings(
    Optional<String> url,
    Optional<String> user,
    Optional<Secret> password,
    Path embeddedDataDirectory,
    int embeddedPort,
    int poolSize) {

  public static final Path DEFAULT_DATA_DIRECTORY = Path.of("data", "postgres");
  public static final int DEFAULT_POOL_SIZE = 10;

  /** The embedded server in its default place. */
  public static DatabaseSettings embedded(Path dataDirectory) {
    return new DatabaseSettings(
        Optional.empty(), Optional.empty(), Optional.empty(), dataDirectory, 0, DEFAULT_POOL_SIZE);
  }

  /** A server of the user's own. */
  public static DatabaseSettings external(String url) {
    return new DatabaseSettings(
        Optional.of(url),
        Optional.empty(),
        Optional.empty(),
        DEFAULT_DATA_DIRECTORY,
        0,
        DEFAULT_POOL_SIZE);
  }

  public boolean isEmbedded() {
    return url.isEmpty();
  }
}
