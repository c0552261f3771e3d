package dev.syncline.archfixture.sandbox;

import dev.syncline.archfixture.joor.WrongJoor;

/** Deliberately wrong: a sandbox sharing a client's class. */
public class WrongSandbox {
  public WrongJoor client() {
    return new WrongJoor();
  }
}
