package dev.syncline.zoey.client;

import dev.syncline.core.PermanentSyncException.ConfigurationProblem;
import dev.syncline.core.Secret;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the tokens in a JSON file only its owner can read or write (mode 600, in a directory it
 * creates with mode 700). Each save writes a new file and moves it over the old one, so a crash
 * leaves either the old tokens or the new ones, never half of each. Nothing here logs, and no error
 * message or cause carries the file's content.
 */
public final class FileZoeyTokenStore implements ZoeyTokenStore {

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path file;

  public FileZoeyTokenStore(Path file) {
    this.file = file.toAbsolutePath();
  }

  @Override
  public Optional<ZoeyTokens> load() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      var permissions = posix() ? Files.getPosixFilePermissions(file) : OWNER_ONLY;
      if (!OWNER_ONLY.containsAll(permissions)) {
        throw problem(
            "The Zoey token file "
                + file
                + " can be read or written by others ("
                + PosixFilePermissions.toString(permissions)
                + "). Consider its tokens exposed: delete the file, authorize Syncline in Zoey again,"
                + " and keep the file's mode at 600.");
      }
      var json = JSON.readTree(Files.readString(file));
      var access = json.path("access_token").asString("");
      var refresh = json.path("refresh_token").asString("");
      var expires = json.path("access_token_expires_at").asString("");
      if (access.isEmpty() || refresh.isEmpty() || expires.isEmpty()) {
        throw unreadable();
      }
      return Optional.of(
          new ZoeyTokens(Secret.of(access), Secret.of(refresh), Instant.parse(expires)));
    } catch (IOException e) {
      throw problem(
          "Syncline cannot read the Zoey token file "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + "). Check that the user running Syncline owns it.");
    } catch (JacksonException | java.time.format.DateTimeParseException e) {
      // The parser's message may quote the file, tokens and all: neither it nor the cause goes on.
      throw unreadable();
    }
  }

  @Override
  public void save(ZoeyTokens tokens) {
    var body = JSON.createObjectNode();
    body.put("access_token", tokens.accessToken().reveal());
    body.put("refresh_token", tokens.refreshToken().reveal());
    body.put("access_token_expires_at", tokens.accessTokenExpiresAt().toString());
    Path temporary = null;
    try {
      var directory = file.getParent();
      createDirectory(directory);
      temporary =
          posix()
              ? Files.createTempFile(
                  directory,
                  ".zoey-tokens",
                  ".tmp",
                  PosixFilePermissions.asFileAttribute(OWNER_ONLY))
              : Files.createTempFile(directory, ".zoey-tokens", ".tmp");
      Files.writeString(temporary, JSON.writeValueAsString(body));
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw problem(
          "Syncline cannot write the Zoey token file "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + "). Check that its directory exists and the user running Syncline may write there.");
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // Only reached when the move failed, and that failure is the one worth reporting.
        }
      }
    }
  }

  private static void createDirectory(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    FileAttribute<?>[] ownerOnly =
        posix()
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(
                  EnumSet.of(
                      PosixFilePermission.OWNER_READ,
                      PosixFilePermission.OWNER_WRITE,
                      PosixFilePermission.OWNER_EXECUTE))
            }
            : new FileAttribute<?>[0];
    try {
      Files.createDirectories(directory, ownerOnly);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("not a directory: " + directory, e);
    }
  }

  private static boolean posix() {
    return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  private ConfigurationProblem unreadable() {
    return problem(
        "The Zoey token file "
            + file
            + " is not one Syncline wrote, or is damaged."
            + " Delete it and authorize Syncline in Zoey again.");
  }

  private static ConfigurationProblem problem(String message) {
    return new ConfigurationProblem(ZoeyApi.SYSTEM, message, Optional.empty(), null);
  }
}
