package dev.syncline.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code syncline version}. */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description = "Print Syncline's version.")
final class VersionCommand extends Subcommand implements Callable<Integer> {

  @Override
  public Integer call() {
    root().out.println(text());
    return ExitCode.OK;
  }

  static String text() {
    var version = VersionCommand.class.getPackage().getImplementationVersion();
    return "syncline "
        + (version == null ? "(development build)" : version)
        + " on Java "
        + Runtime.version();
  }

  /** Answers {@code syncline --version}. */
  static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {text()};
    }
  }
}
