package dev.syncline.app.notify;

import dev.syncline.core.flow.FlowSettings;
import dev.syncline.core.port.Backlog;
import dev.syncline.core.port.FlowHealth;
import dev.syncline.store.NotificationStore.NewFailure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The words of each mail. Each says what happened, to which flow, and what the reader can do about
 * it, with the command or the dashboard page that does it.
 */
final class Mails {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final Optional<String> dashboardUrl;
  private final String node;

  Mails(Optional<String> dashboardUrl, String node) {
    this.dashboardUrl = dashboardUrl;
    this.node = node;
  }

  /** The flow's new failures, grouped by cause, biggest group first. */
  Mail digest(FlowSettings flow, List<NewFailure> failures, Optional<Instant> lastDigest) {
    var byCause = new LinkedHashMap<String, List<NewFailure>>();
    failures.forEach(f -> byCause.computeIfAbsent(f.cause(), c -> new ArrayList<>()).add(f));
    var groups = new ArrayList<>(byCause.entrySet());
    groups.sort(
        Comparator.comparing((Map.Entry<String, List<NewFailure>> e) -> -e.getValue().size())
            .thenComparing(Map.Entry::getKey));
    var n = failures.size();
    var body = new StringBuilder();
    body.append(records(n))
        .append(" of flow ")
        .append(describe(flow))
        .append(n == 1 ? " is" : " are")
        .append(" new in the failed record queue")
        .append(lastDigest.map(t -> " since the last digest, at " + TIME.format(t)).orElse(""))
        .append(".\n\nBy cause:\n");
    for (var group : groups) {
      body.append("  ").append(group.getKey()).append(": ").append(group.getValue().size());
      body.append('\n');
    }
    for (var group : groups) {
      var examples = group.getValue().stream().filter(f -> f.example().isPresent()).toList();
      body.append('\n')
          .append(group.getKey())
          .append(" (")
          .append(group.getValue().size())
          .append(")")
          .append(group.getValue().size() > examples.size() ? ", for example" : "")
          .append(":\n");
      for (var f : examples) {
        body.append("  #")
            .append(f.jobId())
            .append("  ")
            .append(flow.recordType().key())
            .append(' ')
            .append(f.sourceId())
            .append(": ")
            .append(f.example().orElseThrow())
            .append('\n');
      }
      var more = group.getValue().size() - examples.size();
      if (more > 0) {
        body.append("  and ").append(more).append(" more\n");
      }
    }
    var server = dashboardUrl.map(url -> " --server " + url).orElse("");
    var topCause = groups.getFirst().getKey();
    body.append(
            "\nEach message says what to fix and where. A record is tried again by itself when it"
                + " changes at its source; to try again now, RESYNC it:\n")
        .append("  in the dashboard: ")
        .append(page("/failed?flow=" + encode(flow.name())))
        .append('\n')
        .append("  one record:       syncline resync")
        .append(server)
        .append(" ")
        .append(groups.getFirst().getValue().getFirst().jobId())
        .append('\n')
        .append("  a whole cause:    syncline resync")
        .append(server)
        .append(" --all --flow ")
        .append(flow.name())
        .append(" --cause \"")
        .append(topCause.replace("\"", "\\\""))
        .append("\"\n")
        .append("  the whole list:   syncline failed")
        .append(server)
        .append(" --flow ")
        .append(flow.name())
        .append('\n');
    return new Mail("Syncline: " + records(n) + " failed in flow " + flow.name(), withFooter(body));
  }

  /** The flow fell behind its threshold. */
  Mail behind(FlowSettings flow, Backlog backlog, Duration threshold, Instant now) {
    var lag = backlog.freshness(now);
    var body = new StringBuilder();
    body.append("Flow ")
        .append(describe(flow))
        .append(" is behind: the oldest change still waiting to reach ")
        .append(flow.to())
        .append(" was made ")
        .append(human(lag))
        .append(" ago");
    backlog.oldestChange().ifPresent(t -> body.append(" (").append(TIME.format(t)).append(")"));
    body.append(", past the threshold of ")
        .append(human(threshold))
        .append(". ")
        .append(records(backlog.records()))
        .append(backlog.records() == 1 ? " is" : " are")
        .append(" waiting.\n\n")
        .append(
            "A flow falls behind when its target is slow, unreachable or over its limits (records"
                + " wait for their retries), or when more changes arrive than it can write. The"
                + " flow's runs and Syncline's log tell which:\n")
        .append("  syncline flows runs ")
        .append(flow.name())
        .append(dashboardUrl.map(url -> " --server " + url).orElse(""))
        .append("\n  the flow's page: ")
        .append(flowPage(flow))
        .append("\n\nYou get one more mail when it is back under ")
        .append(human(threshold))
        .append(".\n");
    return new Mail(
        "Syncline: flow " + flow.name() + " is " + human(lag) + " behind", withFooter(body));
  }

  /** The flow is back within its threshold after an alert. */
  Mail backToNormal(
      FlowSettings flow, Backlog backlog, Duration threshold, Instant alertedAt, Instant now) {
    var body = new StringBuilder();
    body.append("Flow ")
        .append(describe(flow))
        .append(" is back within its threshold of ")
        .append(human(threshold))
        .append(": ")
        .append(
            backlog.records() == 0
                ? "nothing is waiting to reach " + flow.to()
                : "the oldest change waiting to reach "
                    + flow.to()
                    + " was made "
                    + human(backlog.freshness(now))
                    + " ago")
        .append(".\nIt was reported behind at ")
        .append(TIME.format(alertedAt))
        .append(".\n");
    return new Mail("Syncline: flow " + flow.name() + " is back to normal", withFooter(body));
  }

  /** The flow cannot reach one of its systems: what was answered, and what to do. */
  Mail blocked(FlowSettings flow, FlowHealth health) {
    var body = new StringBuilder();
    body.append("Flow ")
        .append(describe(flow))
        .append(" is blocked: its ")
        .append(health.problem() == FlowHealth.Problem.SOURCE_UNREADABLE ? "source" : "target")
        .append(", ")
        .append(health.instance())
        .append(
            health.problem() == FlowHealth.Problem.SOURCE_UNREADABLE
                ? ", cannot be read"
                : ", cannot be written")
        .append(" since ")
        .append(TIME.format(health.since()))
        .append(".\n\nThe reason: ")
        .append(health.reason())
        .append("\n\nThe fix: ")
        .append(health.fix())
        .append(
            "\n\nIts records wait; none is lost. Syncline tests the connection again by itself,")
        .append(" waiting longer each time, and resumes the flow once it gets through; a mail says")
        .append(" so. To resume it at once after the fix, press Run now on its page in the")
        .append(" dashboard (")
        .append(flowPage(flow))
        .append(") or run:\n  syncline flows run ")
        .append(flow.name())
        .append(dashboardUrl.map(url -> " --server " + url).orElse(""))
        .append('\n');
    return new Mail(
        "Syncline: flow " + flow.name() + " is blocked: " + health.problem().words(),
        withFooter(body));
  }

  /** The flow reaches its systems again. */
  Mail unblocked(FlowSettings flow, Instant since, Instant now) {
    var body = new StringBuilder();
    body.append("Flow ")
        .append(describe(flow))
        .append(" reaches its systems again and runs as scheduled; it was blocked from ")
        .append(TIME.format(since))
        .append(" to ")
        .append(TIME.format(now))
        .append(" (")
        .append(human(Duration.between(since, now)))
        .append("). The records that waited are synced now: ")
        .append(flowPage(flow))
        .append('\n');
    return new Mail("Syncline: flow " + flow.name() + " runs again", withFooter(body));
  }

  /** The flow's page: its state, runs, progress and switch. */
  private String flowPage(FlowSettings flow) {
    return page("/flows/" + encode(flow.name()));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private String page(String path) {
    return dashboardUrl
        .map(url -> url + path)
        .orElse("the page " + path + " of Syncline's dashboard");
  }

  private String withFooter(StringBuilder body) {
    return body.append("\n-- \nSent by Syncline node ")
        .append(node)
        .append(". What is mailed, and when, is set under notifications in syncline.yaml")
        .append(" (docs/notifications.md).\n")
        .toString();
  }

  private static String describe(FlowSettings flow) {
    return flow.name()
        + " ("
        + flow.recordType().key()
        + ", "
        + flow.from()
        + " to "
        + flow.to()
        + ")";
  }

  private static String records(int n) {
    return n == 1 ? "1 record" : n + " records";
  }

  /** A duration to the minute as people say it: 40s, 47m, 2h 5m, 3d 4h. */
  static String human(Duration d) {
    if (d.compareTo(Duration.ofMinutes(1)) < 0) {
      return d.toSeconds() + "s";
    }
    if (d.compareTo(Duration.ofHours(1)) < 0) {
      return d.toMinutes() + "m";
    }
    if (d.compareTo(Duration.ofDays(1)) < 0) {
      return d.toHours() + "h" + (d.toMinutesPart() == 0 ? "" : " " + d.toMinutesPart() + "m");
    }
    return d.toDays() + "d" + (d.toHoursPart() == 0 ? "" : " " + d.toHoursPart() + "h");
  }
}
