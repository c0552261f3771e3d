package dev.syncline.core.mapping;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled JSONata expression, evaluated with bounds on time and depth so that a mistaken
 * expression in a configuration cannot hang a worker. JSONata reaches no Java beyond the functions
 * a caller binds.
 */
public final class Expression {

  /**
   * Milliseconds one evaluation may take. The check is coarse; the bound is a guard, not a budget.
   */
  static final long TIMEOUT_MILLIS = 500;

  static final int MAX_DEPTH = 200;

  private final String text;
  private final Jsonata compiled;

  private Expression(String text, Jsonata compiled) {
    this.text = text;
    this.compiled = compiled;
  }

  /**
   * Compiles, or throws {@link IllegalArgumentException} saying where the text stops making sense.
   */
  public static Expression compile(String text) {
    try {
      return new Expression(text, Jsonata.jsonata(text));
    } catch (JException e) {
      throw new IllegalArgumentException("is not a valid JSONata expression: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("is not a valid JSONata expression: " + e, e);
    }
  }

  public String text() {
    return text;
  }

  /**
   * Evaluates against {@code input} with the given variables and functions bound; the result as
   * plain Java (maps, lists, text, numbers, booleans), {@code null} when the expression yields
   * nothing.
   *
   * @throws EvaluationException when the expression fails on this input
   */
  public Object evaluate(Object input, Map<String, Object> variables, Bindings functions) {
    var frame = compiled.createFrame();
    frame.setRuntimeBounds(TIMEOUT_MILLIS, MAX_DEPTH);
    variables.forEach(frame::bind);
    functions.bindTo(frame);
    try {
      return plain(compiled.evaluate(input, frame));
    } catch (LookupMissing e) {
      throw new EvaluationException(e.getMessage(), e);
    } catch (JException e) {
      var cause = e.getCause() instanceof LookupMissing missing ? missing : null;
      throw new EvaluationException(cause != null ? cause.getMessage() : e.getMessage(), e);
    } catch (RuntimeException | StackOverflowError e) {
      throw new EvaluationException("failed: " + e, e);
    }
  }

  /** JSONata's own values as plain Java: its null marker becomes null, numbers stay numbers. */
  static Object plain(Object value) {
    if (value == null || value == Jsonata.NULL_VALUE) {
      return null;
    }
    if (value instanceof Map<?, ?> map) {
      var copy = new LinkedHashMap<String, Object>();
      map.forEach((k, v) -> {
        var p = plain(v);
        if (p != null) {
          copy.put(String.valueOf(k), p);
        }
      });
      return copy;
    }
    if (value instanceof List<?> list) {
      var copy = new ArrayList<Object>(list.size());
      for (var v : list) {
        var p = plain(v);
        if (p != null) {
          copy.add(p);
        }
      }
      return copy;
    }
    if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
      return d.longValue();
    }
    return value;
  }

  /** The functions a mapping binds ({@code $lookup}). */
  public interface Bindings {
    void bindTo(Jsonata.Frame frame);

    Bindings NONE = frame -> {};
  }

  /** An expression failed on one record; the message says how. */
  public static final class EvaluationException extends RuntimeException {
    EvaluationException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Thrown by {@code $lookup} when a value map has no entry; carries a message for a person. */
  static final class LookupMissing extends RuntimeException {
    LookupMissing(String message) {
      super(message);
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
