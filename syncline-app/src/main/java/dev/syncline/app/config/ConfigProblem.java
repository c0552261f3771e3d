package dev.syncline.app.config;

/**
 * One thing wrong in a configuration file, where it is and what is expected, printed as {@code
 * syncline.yaml:12:7 flows[0].every: expected a duration like 30s or 5m, got "often"}.
 *
 * @param file the file as the user named it
 * @param line 1-based, 0 when unknown
 * @param column 1-based, 0 when unknown
 * @param key the key in dotted form ({@code flows[0].every}), empty for the whole file
 * @param message what is wrong and what would be right
 */
public record ConfigProblem(String file, int line, int column, String key, String message) {

  @Override
  public String toString() {
    var where = new StringBuilder(file);
    if (line > 0) {
      where.append(':').append(line).append(':').append(column);
    }
    if (!key.isEmpty()) {
      where.append(' ').append(key).append(':');
    }
    return where + " " + message;
  }
}
