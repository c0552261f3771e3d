package dev.syncline.app.http;

import dev.syncline.app.access.Role;
import dev.syncline.app.sync.Connections;
import io.javalin.config.JavalinConfig;
import java.util.Map;

/**
 * The Connections page and its API: each configured system instance as this node found it, and a
 * test of one cheap authenticated call.
 */
final class ConnectionRoutes {

  private ConnectionRoutes() {}

  static void register(JavalinConfig config, Connections connections) {
    var r = config.routes;
    r.get("/api/v1/connections", ctx -> ctx.json(connections.all()), Role.VIEWER);
    r.post(
        "/api/v1/connections/{instance}/test",
        ctx -> ctx.json(connections.test(ctx.pathParam("instance"), Guard.principal(ctx).name())),
        Role.OPERATOR);
    r.get(
        "/connections",
        ctx ->
            Views.render(
                ctx,
                "connections.jte",
                Map.of(
                    "page",
                    Page.of(ctx, "Connections", "connections"),
                    "connections",
                    connections.all())),
        Role.VIEWER);
    r.post(
        "/connections/{instance}/test",
        ctx ->
            Views.render(
                ctx,
                "connection-test.jte",
                Map.of(
                    "test",
                    connections.test(ctx.pathParam("instance"), Guard.principal(ctx).name()))),
        Role.OPERATOR);
  }
}
