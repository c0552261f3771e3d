package dev.syncline.app;

/** Syncline cannot go on, for a reason the user can fix; the message says what to do. */
public final class UserError extends RuntimeException {

  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
