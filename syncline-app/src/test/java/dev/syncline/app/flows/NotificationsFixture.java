package dev.syncline.app.flows;

import dev.syncline.app.config.ConfigLoader;
import dev.syncline.app.notify.Notifications;
import dev.syncline.app.notify.Notifier;
import dev.syncline.app.notify.SmtpNotifier;
import dev.syncline.core.engine.Flow;
import dev.syncline.core.engine.SyncEngine;
import dev.syncline.store.NotificationStore;
import java.time.InstantSource;
import java.util.function.UnaryOperator;

/** The notifications of one node, set up from a configuration as a node sets them up. */
final class NotificationsFixture {

  private NotificationsFixture() {}

  /**
   * The notifications of {@code node} for the fixture's flow, mailing to ops@example.com through
   * the relay on {@code smtpPort}; {@code more} adds keys under {@code notifications}.
   */
  static Notifications notifications(
      CustomerFlowFixture fx,
      SyncEngine engine,
      int smtpPort,
      String node,
      InstantSource clock,
      String more) {
    return notifications(fx, engine, smtpPort, node, clock, more, UnaryOperator.identity());
  }

  /** The same, delivering through {@code around} the SMTP notifier. */
  static Notifications notifications(
      CustomerFlowFixture fx,
      SyncEngine engine,
      int smtpPort,
      String node,
      InstantSource clock,
      String more,
      UnaryOperator<Notifier> around) {
    var yaml =
        fx.yaml()
            + """
            notifications:
              smtp:
                host: 127.0.0.1
                port: %d
                security: none
                timeout: 5s
              from: Syncline <syncline@example.com>
              to: [ops@example.com]
              dashboardUrl: https://syncline.example.com
            """
                .formatted(smtpPort)
            + more.indent(2);
    var settings =
        new ConfigLoader(fx.environment())
            .parse("syncline.yaml", yaml)
            .notifications()
            .orElseThrow();
    return new Notifications(
        settings,
        around.apply(new SmtpNotifier(settings, clock)),
        new NotificationStore(fx.db.jdbi()),
        engine.schedule(),
        engine.jobQueue(),
        engine.flows().stream().map(Flow::settings).toList(),
        node,
        clock);
  }
}
