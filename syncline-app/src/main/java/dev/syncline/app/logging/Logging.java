package dev.syncline.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.syncline.app.config.SynclineConfig.LogFormat;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * Sets up the log: readable lines, or one JSON object per line for log collectors. Logs go to
 * standard error, so that standard output stays free for what commands print on purpose.
 */
public final class Logging {

  /** Libraries that say too much at INFO for an operator's log. */
  private static final Map<String, Level> QUIET =
      Map.of(
          "org.eclipse.jetty", Level.WARN,
          "io.javalin", Level.WARN,
          "com.zaxxer.hikari", Level.WARN,
          "org.flywaydb", Level.WARN,
          "io.zonky", Level.WARN,
          "com.networknt", Level.ERROR);

  private Logging() {}

  public static void configure(LogFormat format, String level) {
    var context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();

    Encoder<ILoggingEvent> encoder;
    if (format == LogFormat.JSON) {
      var json = new LogstashEncoder();
      json.setContext(context);
      json.start();
      encoder = json;
    } else {
      var text = new PatternLayoutEncoder();
      text.setContext(context);
      text.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{0} - %msg%n%ex");
      text.start();
      encoder = text;
    }

    var appender = new ConsoleAppender<ILoggingEvent>();
    appender.setContext(context);
    appender.setName("console");
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();

    var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level, Level.INFO));
    root.addAppender(appender);
    QUIET.forEach((name, quiet) -> context.getLogger(name).setLevel(quiet));
  }
}
