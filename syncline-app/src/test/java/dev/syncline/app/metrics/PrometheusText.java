package dev.syncline.app.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/** A scrape of {@code /metrics} read back: the value of each series, by its name and labels. */
public record PrometheusText(Map<String, Double> series) {

  public static PrometheusText parse(String scrape) {
    var series = new LinkedHashMap<String, Double>();
    for (var line : scrape.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      var space = line.lastIndexOf(' ');
      series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
    }
    return new PrometheusText(series);
  }

  /** The value of one series, written as in the scrape: {@code name{label="value",...}}. */
  public double value(String name) {
    var value = series.get(name);
    if (value == null) {
      throw new AssertionError(
          "The scrape has no series " + name + "; it has " + String.join("\n", series.keySet()));
    }
    return value;
  }

  /** The value of a flow's series that has only the flow as label. */
  public double ofFlow(String name, String flow) {
    return value(name + "{flow=\"" + flow + "\"}");
  }

  /** How many records of the flow this node processed with that outcome. */
  public double records(String flow, String outcome) {
    return value("syncline_flow_records_total{flow=\"" + flow + "\",outcome=\"" + outcome + "\"}");
  }
}
