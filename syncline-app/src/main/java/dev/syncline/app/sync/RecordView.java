package dev.syncline.app.sync;

import dev.syncline.core.port.JobStatus;
import dev.syncline.core.port.Link;
import dev.syncline.core.port.SyncEvent;
import java.util.List;
import java.util.Optional;

/**
 * One record across systems: in each flow of its type, its link (the ids on both sides, status,
 * last payload written and its hash), where its job stands, and what happened to it when.
 */
public record RecordView(String recordType, String sourceId, List<InFlow> flows) {

  /** The record in one flow; for a two-way flow, the job and history of its other side as well. */
  public record InFlow(
      String flow,
      String from,
      String to,
      Optional<Link> link,
      Optional<JobStatus> job,
      Optional<JobStatus> reverseJob,
      List<SyncEvent> history) {}
}
