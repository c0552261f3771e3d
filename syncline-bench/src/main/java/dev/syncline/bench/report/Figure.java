package dev.syncline.bench.report;

import java.util.Optional;

/**
 * One measured figure of a run, with its goal where the issue sets one.
 *
 * @param name what was measured, in words
 * @param value the figure with its unit, as shown
 * @param goal the goal as shown ({@code ≥ 0.9}), if any
 * @param met whether the figure meets its goal; empty when there is none
 */
public record Figure(String name, String value, Optional<String> goal, Optional<Boolean> met) {

  public static Figure of(String name, String value) {
    return new Figure(name, value, Optional.empty(), Optional.empty());
  }

  public static Figure against(String name, String value, String goal, boolean met) {
    return new Figure(name, value, Optional.of(goal), Optional.of(met));
  }

  /** The verdict column of the report. */
  String verdict() {
    return met.map(m -> m ? "meets" : "**below goal**").orElse("");
  }
}
