package dev.syncline.joor.client;

import java.util.List;

/**
 * What a v4 bulk call (or a bulk inventory load) did with each item, in the order they were sent:
 * JOOR answers 2xx and lists the items it refused, with a reason, next to those it wrote (joor.md
 * §1.4), so one bad item never fails the others.
 */
public record BulkResult<T>(List<Outcome<T>> outcomes) {

  public BulkResult {
    outcomes = List.copyOf(outcomes);
  }

  /** One item's fate; {@code index} is its place in the request. */
  public sealed interface Outcome<T> {
    int index();
  }

  public record Written<T>(int index, T item) implements Outcome<T> {}

  /**
   * @param status JOOR's word for the cause: {@code DUPLICATED}, {@code INVALID}, {@code
   *     NOT_FOUND}, ...
   */
  public record Refused<T>(int index, String status, String message) implements Outcome<T> {}

  public List<T> written() {
    return outcomes.stream()
        .flatMap(o ->
            o instanceof Written<T> w
                ? java.util.stream.Stream.of(w.item())
                : java.util.stream.Stream.empty())
        .toList();
  }

  public List<Refused<T>> refused() {
    return outcomes.stream()
        .flatMap(o ->
            o instanceof Refused<T> r
                ? java.util.stream.Stream.of(r)
                : java.util.stream.Stream.empty())
        .toList();
  }
}
