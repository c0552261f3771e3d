package dev.syncline.app.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every subcommand reaches through: the root command's shared options, output and environment.
 */
abstract class Subcommand {

  @Spec CommandSpec spec;

  SynclineCommand root() {
    return (SynclineCommand) spec.root().userObject();
  }
}
