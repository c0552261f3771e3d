package dev.syncline.core.port;

import java.time.Instant;
import java.util.Optional;

/**
 * What became of one job: the value a worker hands the store to record, in one transaction per
 * batch.
 */
public sealed interface Outcome {

  /** A short word for logs, counts and the dashboard. */
  String kind();

  /**
   * Written to the target (created, or updated).
   *
   * @param madeOnTheWay records the write made on the target for this one, linked with it
   * @param replaces the source id whose link this record takes over ({@link
   *     SourceRecord#replaces()})
   * @param base in a two-way flow, the canonical record both sides agree on after this write (the
   *     link's base, DESIGN.md section 1); empty in a one-way flow
   * @param conflicts the values the merge of this write dropped, kept in the conflict list with it
   */
  record Written(
      String targetId,
      boolean created,
      RemoteState state,
      Instant sourceVersion,
      Optional<Instant> targetVersion,
      TargetRecord payload,
      String hash,
      java.util.List<MadeLink> madeOnTheWay,
      Optional<String> replaces,
      Optional<java.util.Map<String, Object>> base,
      java.util.List<Conflict.Lost> conflicts)
      implements Outcome {

    public Written {
      madeOnTheWay = java.util.List.copyOf(madeOnTheWay);
      conflicts = java.util.List.copyOf(conflicts);
    }

    /** A write outside a two-way flow, which keeps no base. */
    public Written(
        String targetId,
        boolean created,
        RemoteState state,
        Instant sourceVersion,
        Optional<Instant> targetVersion,
        TargetRecord payload,
        String hash,
        java.util.List<MadeLink> madeOnTheWay,
        Optional<String> replaces) {
      this(
          targetId,
          created,
          state,
          sourceVersion,
          targetVersion,
          payload,
          hash,
          madeOnTheWay,
          replaces,
          Optional.empty(),
          java.util.List.of());
    }

    /** A write of a record that replaces none. */
    public Written(
        String targetId,
        boolean created,
        RemoteState state,
        Instant sourceVersion,
        Optional<Instant> targetVersion,
        TargetRecord payload,
        String hash,
        java.util.List<MadeLink> madeOnTheWay) {
      this(
          targetId,
          created,
          state,
          sourceVersion,
          targetVersion,
          payload,
          hash,
          madeOnTheWay,
          Optional.empty());
    }

    /** A write that made nothing else on the way. */
    public Written(
        String targetId,
        boolean created,
        RemoteState state,
        Instant sourceVersion,
        Optional<Instant> targetVersion,
        TargetRecord payload,
        String hash) {
      this(
          targetId,
          created,
          state,
          sourceVersion,
          targetVersion,
          payload,
          hash,
          java.util.List.of());
    }

    public String kind() {
      return "written";
    }
  }

  /**
   * Nothing to write: the mapped record equals what was last written, or the change was our own.
   */
  record Unchanged(Instant sourceVersion) implements Outcome {
    public String kind() {
      return "unchanged";
    }
  }

  /**
   * The record is not part of the flow: its filter leaves it out, or its source says it left
   * ({@code left}, the end of a sentence such as "is inactive in NetSuite"); with no version, the
   * source has no such record.
   */
  record Filtered(Optional<Instant> sourceVersion, Optional<String> left) implements Outcome {
    public String kind() {
      return "filtered";
    }

    /** Whether the source has the record: a person who asked for it by id must hear which. */
    public boolean inSource() {
      return sourceVersion.isPresent();
    }
  }

  /**
   * The source record left the flow; its link is marked. Nothing is deleted; where the flow
   * propagates leaving, the target's record was cancelled or deactivated, as the reason says.
   */
  record Unlinked(String reason, Optional<Instant> sourceVersion) implements Outcome {
    public String kind() {
      return "unlinked";
    }
  }

  /** A person must act: the record goes to the failed record queue with this message. */
  record Failed(String message, String cause, Optional<Instant> sourceVersion) implements Outcome {
    public String kind() {
      return "failed";
    }
  }

  /**
   * Time may fix it: tried again at {@code nextAttemptAt}.
   *
   * @param maybeWritten the failed attempt created the record perhaps (its answer was lost after
   *     the request may have been applied): the next one looks it up before creating
   */
  record Retrying(String message, String cause, Instant nextAttemptAt, boolean maybeWritten)
      implements Outcome {
    public String kind() {
      return "retrying";
    }
  }

  /**
   * A reference is not linked to the target yet: the job waits until a link that it awaits is
   * written, or until {@code until}, its deadline.
   *
   * @param message what it waits for, for a person: "Waiting for customer 1234 (Acme) to sync to
   *     zoey"
   * @param awaited the records it waits for, in the instance it was read from
   * @param leftOut whether it waits with records it {@link Reference#follows follows} that their
   *     flows leave out: then {@code until} is when it looks again, and no deadline fails it
   */
  record Waiting(String message, java.util.List<Reference> awaited, Instant until, boolean leftOut)
      implements Outcome {

    public Waiting {
      awaited = java.util.List.copyOf(awaited);
    }

    /** A wait for references to be linked, failing at {@code until}. */
    public Waiting(String message, java.util.List<Reference> awaited, Instant until) {
      this(message, awaited, until, false);
    }

    public String kind() {
      return "waiting";
    }
  }
}
