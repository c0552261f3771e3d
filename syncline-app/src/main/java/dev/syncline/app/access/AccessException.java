package dev.syncline.app.access;

/** A change to users or tokens that was refused, naming the field at fault; nothing changed. */
public final class AccessException extends RuntimeException {

  private final String field;

  public AccessException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
