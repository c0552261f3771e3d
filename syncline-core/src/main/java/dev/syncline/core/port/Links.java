package dev.syncline.core.port;

import dev.syncline.core.model.RecordType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The links: each record's ids in every system instance it lives in, whichever flow made them and
 * in whichever direction. A customer linked by a flow from NetSuite to JOOR is found by a flow from
 * JOOR to NetSuite, and by one from Zoey to JOOR that shares its JOOR record. Links are written
 * with the outcomes of jobs ({@link JobQueue#record}); this port reads them and settles those the
 * target held back.
 *
 * <p>Each method is one transaction, safe to call from many threads and nodes at once.
 */
public interface Links {

  /**
   * The links of these records of {@code from}, with their ids in {@code to}, by their id in {@code
   * from}; records not linked to one in {@code to} are left out.
   */
  Map<String, Link> links(RecordType type, String from, String to, Collection<String> ids);

  /**
   * The ids in {@code from} of the records linked to one in {@code to} that Syncline still writes
   * there (not unlinked), in id order, after {@code afterId}: at most {@code limit}.
   */
  List<String> linkedIds(RecordType type, String from, String to, String afterId, int limit);

  /**
   * The links of records of {@code from} whose record in {@code to} waits for {@code to} to accept
   * it (JOOR's match of a new customer), the oldest first.
   */
  List<Link> pendingLinks(RecordType type, String from, String to, int limit);

  /** Marks the records in {@code instance} of these links as synced, now that it accepted them. */
  void linksAccepted(String instance, List<Long> linkIds, Instant now);

  /** Moves a link's base to what both of its sides were found to hold. */
  void agreed(Link.Agreed agreed, Instant now);

  // Reading for people: the dashboard's search.

  /**
   * Records of every flow whose id in either system is {@code text}, or whose name, email or other
   * text last written contains it, ignoring case and the commonest accents; at most {@code limit},
   * linked ones first.
   */
  List<RecordMatch> findRecords(String text, int limit);
}
