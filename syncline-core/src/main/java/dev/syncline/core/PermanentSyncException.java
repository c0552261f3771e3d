package dev.syncline.core;

import java.util.Optional;

/**
 * A failure that trying again will not fix until something changes: the record lacks a required
 * field, the remote system rejected it, a reference cannot be resolved. The record goes to the
 * failed record queue with this message; it is tried again when its source changes or a person asks
 * (RESYNC).
 *
 * <p>A {@link ConfigurationProblem} is the kind no record can get past (credentials refused, a
 * prerequisite missing in the remote account): the engine stops the flow and alerts instead of
 * failing record after record.
 */
public non-sealed class PermanentSyncException extends SyncException {

  public PermanentSyncException(
      String system, String message, Optional<String> remoteRequestId, Throwable cause) {
    super(system, message, remoteRequestId, cause);
  }

  public PermanentSyncException(String system, String message) {
    this(system, message, Optional.empty(), null);
  }

  /**
   * The remote system answered that the request itself was wrong (a 4xx other than limits and
   * auth).
   */
  public static final class RemoteRejected extends PermanentSyncException {
    private final int status;

    public RemoteRejected(
        String system, int status, String message, Optional<String> remoteRequestId) {
      super(system, message, remoteRequestId, null);
      this.status = status;
    }

    /** The HTTP status the remote answered with. */
    public int status() {
      return status;
    }
  }

  /** The record asked for does not exist in the remote system (any more). */
  public static final class MissingInRemote extends PermanentSyncException {
    public MissingInRemote(String system, String message, Optional<String> remoteRequestId) {
      super(system, message, remoteRequestId, null);
    }
  }

  /**
   * Nothing will sync until a person fixes the setup: credentials, permissions, remote
   * prerequisites.
   */
  public static sealed class ConfigurationProblem extends PermanentSyncException
      permits CredentialsRefused {
    private final String reason;
    private final Optional<String> fix;

    public ConfigurationProblem(
        String system, String message, Optional<String> remoteRequestId, Throwable cause) {
      super(system, message, remoteRequestId, cause);
      this.reason = message;
      this.fix = Optional.empty();
    }

    /**
     * A problem whose fix the client knows apart from what the system answered, so that pages can
     * show the two apart; the message is both.
     */
    public ConfigurationProblem(
        String system,
        String reason,
        String fix,
        Optional<String> remoteRequestId,
        Throwable cause) {
      super(system, reason + " " + fix, remoteRequestId, cause);
      this.reason = reason;
      this.fix = Optional.of(fix);
    }

    /** What the system answered, without the fix. */
    public String reason() {
      return reason;
    }

    /** What a person does about it, when the client knows. */
    public Optional<String> fix() {
      return fix;
    }
  }

  /**
   * The system refused to authenticate Syncline (a wrong or revoked secret, a locked user): the
   * kind of configuration problem the Connections page shows as "credentials refused".
   */
  public static final class CredentialsRefused extends ConfigurationProblem {
    public CredentialsRefused(
        String system,
        String reason,
        String fix,
        Optional<String> remoteRequestId,
        Throwable cause) {
      super(system, reason, fix, remoteRequestId, cause);
    }
  }
}
