package dev.syncline.core.mapping;

import java.util.Map;
import java.util.Optional;

/**
 * A flow's filter: a JSONata expression over the canonical record that must be true for it to be
 * sent.
 */
public final class Filter {

  private final Optional<Expression> expression;

  private Filter(Optional<Expression> expression) {
    this.expression = expression;
  }

  /** No filter: every record passes. */
  public static final Filter NONE = new Filter(Optional.empty());

  /**
   * @throws IllegalArgumentException when the text does not compile
   */
  public static Filter compile(String text) {
    return new Filter(Optional.of(Expression.compile(text)));
  }

  public Optional<String> text() {
    return expression.map(Expression::text);
  }

  /**
   * Whether the record passes. An expression that yields nothing (a missing field) counts as false.
   *
   * @throws Expression.EvaluationException when the expression fails on this record
   */
  public boolean accepts(String sourceId, Map<String, Object> canonical) {
    return expression
        .map(e ->
            Boolean.TRUE.equals(
                truthy(
                    e.evaluate(canonical, Map.of("sourceId", sourceId), Expression.Bindings.NONE))))
        .orElse(true);
  }

  private static Boolean truthy(Object value) {
    return com.dashjoin.jsonata.Jsonata.boolize(value);
  }
}
