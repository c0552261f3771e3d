package dev.syncline.zoey.client;

import java.math.BigInteger;

/** Zoey's ids are numbers sent as strings (zoey.md §5.2); they order as numbers. */
public final class Ids {

  private Ids() {}

  /**
   * Why {@code id}, as a person typed it, cannot be the id of a Zoey record; empty when it can.
   *
   * @param example what it is, with an example: {@code "a Zoey account id is a number, like 12"}
   */
  public static java.util.Optional<String> invalid(String id, String example) {
    return id.matches("[0-9]{1,18}") ? java.util.Optional.empty() : java.util.Optional.of(example);
  }

  static int compare(String a, String b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Boolean.compare(!a.isEmpty(), !b.isEmpty());
    }
    if (a.chars().allMatch(Character::isDigit) && b.chars().allMatch(Character::isDigit)) {
      return new BigInteger(a).compareTo(new BigInteger(b));
    }
    return a.compareTo(b);
  }
}
