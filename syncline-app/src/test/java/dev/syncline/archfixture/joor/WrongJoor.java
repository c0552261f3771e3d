package dev.syncline.archfixture.joor;

import dev.syncline.archfixture.netsuite.SomeNetSuite;

/** Deliberately wrong: one system module importing another. */
public class WrongJoor {
  public String peek(SomeNetSuite other) {
    return other.name();
  }
}
