package dev.syncline.zoey.client;

import java.math.BigInteger;

/** Zoey's ids are numbers sent as strings (zoey.md §5.2); they order as numbers. */
final class Ids {

  private Ids() {}

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
