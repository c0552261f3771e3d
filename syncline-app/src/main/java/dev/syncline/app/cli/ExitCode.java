package dev.syncline.app.cli;

/** What {@code syncline} tells the shell. */
final class ExitCode {

  /** Done as asked. */
  static final int OK = 0;

  /**
   * The user can fix it: a bad argument, a bad configuration, a database that cannot be reached.
   */
  static final int USER_ERROR = 1;

  /** A fault in Syncline itself; rerun with --verbose and report the stack trace. */
  static final int INTERNAL_ERROR = 2;

  private ExitCode() {}
}
