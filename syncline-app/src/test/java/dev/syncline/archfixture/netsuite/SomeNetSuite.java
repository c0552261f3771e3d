package dev.syncline.archfixture.netsuite;

/** A system class, as allowed: it depends on nothing of ours. */
public class SomeNetSuite {
  public String name() {
    return "netsuite";
  }
}
