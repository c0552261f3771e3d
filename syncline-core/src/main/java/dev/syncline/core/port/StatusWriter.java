package dev.syncline.core.port;

import dev.syncline.core.flow.StatusFields;
import java.util.List;

/**
 * Writes sync statuses back onto source records (NetSuite custom fields), so that people see them
 * where they work. Failures here never fail the sync itself: the caller logs them and moves on.
 */
public interface StatusWriter {

  void write(StatusFields fields, List<SyncStatus> statuses);
}
