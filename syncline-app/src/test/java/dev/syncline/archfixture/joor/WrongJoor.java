package dev.syncline.archfixture.joor;

import dev.syncline.archfixture.netsuite.SomeNetSuite;

/** Deliberately wrong: one system module importing another, and encoding on its own. */
public class WrongJoor {
  public String peek(SomeNetSuite other) {
    return other.name();
  }

  /** Deliberately wrong too: a percent-encoding of its own, where "+" stands for a space. */
  public String query(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }
}
