package dev.syncline.app.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Where the browser finds the libraries the dashboard uses: webjars from Maven Central, served by
 * their version as the jar on the classpath says, so that the pom alone decides it.
 */
final class Assets {

  static final String HTMX = webjar("htmx.org", "dist/htmx.min.js");
  static final String CHART = webjar("chart.js", "dist/chart.umd.min.js");

  private Assets() {}

  private static String webjar(String name, String file) {
    var properties = new Properties();
    var path = "/META-INF/maven/org.webjars.npm/" + name + "/pom.properties";
    try (var in = Assets.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("The webjar " + name + " is missing from the classpath");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "/webjars/" + name + "/" + properties.getProperty("version") + "/" + file;
  }
}
