package dev.syncline.app.flows;

import dev.syncline.app.testbed.NodeProcess;
import dev.syncline.store.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Syncline nodes run as separate processes from the packaged jar ({@code serve}, as an operator
 * runs them) on one test database, and what the tests read of that database while they run.
 */
final class ProcessNodes implements AutoCloseable {

  private final TestDatabase db;
  private final Path dir;
  private final List<NodeProcess> nodes = new ArrayList<>();

  ProcessNodes(TestDatabase db, Path dir) {
    this.db = db;
    this.dir = dir;
  }

  /** A node named {@code node} with leases of 10 s, running {@code yaml} with this environment. */
  NodeProcess serve(String node, String yaml, Map<String, String> environment) {
    var env = new HashMap<>(environment);
    env.put("SYNCLINE_DATABASE_URL", db.url());
    var process =
        NodeProcess.start(
            NodeProcess.Launcher.jar(Path.of(System.getProperty("syncline.jar"))),
            dir,
            node,
            "server:\n  port: 0\nengine:\n  node: " + node + "\n  lease: 10s\n" + yaml,
            env);
    nodes.add(process);
    return process;
  }

  List<NodeProcess> all() {
    return List.copyOf(nodes);
  }

  int links() {
    return db.jdbi()
        .withHandle(h -> h.createQuery("SELECT count(*) FROM link").mapTo(Integer.class).one());
  }

  int activeJobs() {
    return db.jdbi()
        .withHandle(h ->
            h.createQuery("SELECT count(*) FROM sync_job WHERE state IN ('ready', 'running')")
                .mapTo(Integer.class)
                .one());
  }

  @Override
  public void close() {
    nodes.forEach(NodeProcess::kill);
  }
}
