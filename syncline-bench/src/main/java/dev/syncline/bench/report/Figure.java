package dev.syncline.bench.report;

import java.util.Optional;

/**
 * One measured figure of a run, with its goal where the issue sets one.
 *
 * @param name what was measured, in words
 * @param value the figure with its unit, as shown
 * @param goal the goal as shown ({@code ≥ 0.9}), if any
 * @param met whether the figure meets its goal; empty when there is none
 * @param measured false when the figure could not be measured: the run then fails
 */
public record Figure(
    String name, String value, Optional<String> goal, Optional<Boolean> met, boolean measured) {

  public static Figure of(String name, String value) {
    return new Figure(name, value, Optional.empty(), Optional.empty(), true);
  }

  public static Figure against(String name, String value, String goal, boolean met) {
    return new Figure(name, value, Optional.of(goal), Optional.of(met), true);
  }

  /**
   * A figure that could not be measured, and why: shown as such, never as a zero that meets its
   * goal, and it fails the run.
   */
  public static Figure notMeasured(String name, String why, Optional<String> goal) {
    return new Figure(name, "not measured: " + why, goal, goal.map(g -> false), false);
  }

  /** The verdict column of the report. */
  String verdict() {
    if (!measured) {
      return "**not measured**";
    }
    return met.map(m -> m ? "meets" : "**below goal**").orElse("");
  }
}
