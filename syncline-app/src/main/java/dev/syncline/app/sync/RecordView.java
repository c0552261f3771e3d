package dev.syncline.app.sync;

import dev.syncline.core.port.JobStatus;
import dev.syncline.core.port.Link;
import dev.syncline.core.port.SyncEvent;
import java.util.List;
import java.util.Optional;

/**
 * One record across systems as a person knows it: its title ({@code Customer 4 · Acme Wholesale}),
 * and in each flow of its type, the record in each system (named, with its id and a link to it),
 * the link (status, last payload written and its hash), the live values of the source beside what
 * was last written to the target, where its job stands, and what happened to it when.
 */
public record RecordView(String recordType, String sourceId, String title, List<InFlow> flows) {

  /** The record in one flow; for a two-way flow, the job and history of its other side as well. */
  public record InFlow(
      String flow,
      String from,
      String to,
      InSystem source,
      InSystem target,
      Optional<Link> link,
      List<FieldRow> fields,
      Optional<String> liveProblem,
      Optional<JobStatus> job,
      Optional<JobStatus> reverseJob,
      List<SyncEvent> history) {}

  /**
   * The record in one system instance: {@code label} names the instance as a person knows it
   * ({@code NetSuite (brand-us)}), {@code url} is where they see the record there.
   */
  public record InSystem(
      String instance, String label, Optional<String> id, Optional<String> url) {}

  /**
   * One field as the flow would write it from the source's live record, and as it was last written
   * to the target.
   */
  public record FieldRow(
      String field, Optional<Object> live, Optional<Object> written, boolean differs) {}
}
