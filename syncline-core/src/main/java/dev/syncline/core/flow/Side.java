package dev.syncline.core.flow;

/**
 * One end of a flow: {@code A} is the system the flow names first ({@code from}), {@code B} the
 * other. A one-way flow moves records from A to B; a two-way flow also from B to A.
 */
public enum Side {
  A,
  B;

  public Side other() {
    return this == A ? B : A;
  }
}
