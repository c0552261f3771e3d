package dev.syncline.app.cli;

import dev.syncline.app.UserError;
import dev.syncline.app.access.Access;
import dev.syncline.app.access.AccessException;
import dev.syncline.app.access.Passwords;
import dev.syncline.app.access.Role;
import dev.syncline.store.AccessStore;
import dev.syncline.store.AuditLog;
import dev.syncline.store.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code syncline user}: the dashboard's users, straight in the database, so that the first admin
 * can be made before anyone can sign in.
 */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description =
        "Manage the users who sign in to the dashboard (in the database the config names).",
    subcommands = {
      UserCommand.Add.class,
      UserCommand.Password.class,
      UserCommand.SetRole.class,
      UserCommand.Remove.class,
      UserCommand.ListUsers.class
    })
final class UserCommand extends Subcommand implements Runnable {

  @Override
  public void run() {
    spec.commandLine().usage(root().out);
  }

  /** Runs work on the users of the configured database, brought up to date first if allowed. */
  static void withAccess(SynclineCommand root, Consumer<Access> work) {
    var config = root.loadConfig();
    try (var database = Database.open(config.database().settings(), Optional.empty())) {
      if (config.database().migrateOnStart()) {
        database.migrate();
      } else if (!database.readiness().ready()) {
        throw new UserError(
            "The database schema is not up to date; run syncline db migrate first.");
      }
      var access =
          new Access(
              new AccessStore(database.jdbi()),
              new AuditLog(database.jdbi(), InstantSource.system()),
              new Passwords(),
              InstantSource.system(),
              config.server().sessions(),
              config.server().signIn());
      try {
        work.accept(access);
      } catch (AccessException | NoSuchElementException e) {
        throw new UserError(e.getMessage() + ".");
      }
    }
  }

  /** The password from standard input, or a generated one (printed once) when not asked to read. */
  static String password(boolean fromStdin, SynclineCommand root, String name) {
    if (!fromStdin) {
      var generated = Passwords.generate();
      root.out.println("Password of " + name + " (shown once): " + generated);
      return generated;
    }
    try {
      var line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isEmpty()) {
        throw new UserError("--password-stdin: standard input gave no password.");
      }
      return line;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Role role(String key) {
    try {
      return Role.parse(key);
    } catch (IllegalArgumentException e) {
      throw new UserError("--role: " + e.getMessage() + ".");
    }
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Add a user. Without --password-stdin a password is generated and printed once.",
        "Example: syncline user add alice --role admin"
      })
  static final class Add extends Subcommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The name to sign in with.")
    String name;

    @Option(
        names = "--role",
        paramLabel = "ROLE",
        defaultValue = "viewer",
        description = "viewer, operator or admin (default: ${DEFAULT-VALUE}).")
    String role;

    @Option(
        names = "--password-stdin",
        description = "Read the password (12 characters or more) from the first line of input.")
    boolean passwordStdin;

    @Override
    public Integer call() {
      var chosen = role(role);
      withAccess(
          root(),
          access -> {
            if (access.users().stream().anyMatch(u -> u.name().equals(name))) {
              throw new UserError("There is already a user named " + name + ".");
            }
            access.addUser(name, chosen, password(passwordStdin, root(), name), "cli");
          });
      root().out.println("Added " + name + " (" + chosen.key() + ").");
      return ExitCode.OK;
    }
  }

  @Command(
      name = "password",
      mixinStandardHelpOptions = true,
      description = "Set a user's password (generated unless --password-stdin); signs them out.")
  static final class Password extends Subcommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(
        names = "--password-stdin",
        description = "Read the password from the first line of input.")
    boolean passwordStdin;

    @Override
    public Integer call() {
      withAccess(
          root(),
          access -> {
            if (access.users().stream().noneMatch(u -> u.name().equals(name))) {
              throw new UserError("There is no user named " + name + ".");
            }
            access.setPassword(name, password(passwordStdin, root(), name), "cli");
          });
      root().out.println("Set the password of " + name + ".");
      return ExitCode.OK;
    }
  }

  @Command(name = "role", mixinStandardHelpOptions = true, description = "Set a user's role.")
  static final class SetRole extends Subcommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "ROLE", description = "viewer, operator or admin.")
    String role;

    @Override
    public Integer call() {
      var chosen = role(role);
      withAccess(root(), access -> access.setRole(name, chosen, "cli"));
      root().out.println(name + " is now " + chosen.key() + ".");
      return ExitCode.OK;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user.")
  static final class Remove extends Subcommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      withAccess(root(), access -> access.removeUser(name, "cli"));
      root().out.println("Removed " + name + ".");
      return ExitCode.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users.")
  static final class ListUsers extends Subcommand implements Callable<Integer> {
    @Override
    public Integer call() {
      var table = new Table("NAME", "ROLE", "SINCE");
      withAccess(
          root(),
          access ->
              access
                  .users()
                  .forEach(u -> table.row(u.name(), u.role().key(), u.createdAt().toString())));
      table.print(root().out);
      return ExitCode.OK;
    }
  }
}
