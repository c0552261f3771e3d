package dev.syncline.app;

import dev.syncline.app.config.SynclineConfig;
import dev.syncline.app.http.HttpServer;
import dev.syncline.store.Database;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Syncline process: its database (embedded or not), metrics and HTTP server. Started by
 * {@code serve} and {@code demo}; {@link #close()} stops the parts in reverse order, the database
 * last.
 */
public final class SynclineNode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SynclineNode.class);

  private final Database database;
  private final JvmGcMetrics gcMetrics;
  private final HttpServer http;
  private final String host;

  private SynclineNode(Database database, JvmGcMetrics gcMetrics, HttpServer http, String host) {
    this.database = database;
    this.gcMetrics = gcMetrics;
    this.http = http;
    this.host = host;
  }

  public static SynclineNode start(SynclineConfig config) {
    var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ClassLoaderMetrics().bindTo(metrics);
    new JvmMemoryMetrics().bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);
    new ProcessorMetrics().bindTo(metrics);
    new UptimeMetrics().bindTo(metrics);
    var gcMetrics = new JvmGcMetrics();
    gcMetrics.bindTo(metrics);

    var database = Database.open(config.database().settings(), Optional.of(metrics));
    try {
      if (config.database().migrateOnStart()) {
        database.migrate();
      }
      var http =
          HttpServer.start(config.server().host(), config.server().port(), database, metrics);
      var node = new SynclineNode(database, gcMetrics, http, config.server().host());
      log.info("Syncline is listening on {}", node.url());
      return node;
    } catch (RuntimeException e) {
      database.close();
      gcMetrics.close();
      throw e;
    }
  }

  /** Where people reach this node; a wildcard bind address is shown as localhost. */
  public URI url() {
    var shown = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    if (shown.contains(":")) {
      shown = "[" + shown + "]";
    }
    return URI.create("http://" + shown + ":" + http.port());
  }

  public Database database() {
    return database;
  }

  @Override
  public void close() {
    log.info("Syncline is stopping");
    try {
      http.close();
    } finally {
      gcMetrics.close();
      database.close();
    }
  }
}
