package dev.syncline.app.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Suggests the known word closest to a mistyped one, when it is close enough to be what was meant.
 */
final class DidYouMean {

  private DidYouMean() {}

  static Optional<String> closest(String typed, Collection<String> known) {
    String best = null;
    var bestDistance = Integer.MAX_VALUE;
    for (var candidate : known) {
      var d = distance(typed.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    // One edit in three letters is a typo; more is another word.
    var allowed = Math.max(1, Math.min(3, typed.length() / 3));
    return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /**
   * Optimal string alignment distance: insertions, deletions, substitutions and swaps of
   * neighbours.
   */
  static int distance(String a, String b) {
    var d = new int[a.length() + 1][b.length() + 1];
    for (var i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (var j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (var i = 1; i <= a.length(); i++) {
      for (var j = 1; j <= b.length(); j++) {
        var cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
