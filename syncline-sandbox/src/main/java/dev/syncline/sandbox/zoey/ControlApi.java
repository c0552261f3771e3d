package dev.syncline.sandbox.zoey;

import dev.syncline.sandbox.common.SandboxHttp;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The Zoey sandbox's own control endpoints, beside the common ones of {@link SandboxHttp}. They act
 * as the store's people, whom no API stands for: a buyer checking out, an admin editing or
 * cancelling an order (zoey.md §2.5: edits are admin only).
 *
 * <pre>
 * GET    /_sandbox/zoey/settings            the settings (ZoeySettings)
 * PUT    /_sandbox/zoey/settings            change some: {"repeatLastPage":false, ...}
 * POST   /_sandbox/zoey/reset               forget all data; {"seed":true} loads the demo store again
 * GET    /_sandbox/zoey/emails              the emails the store would have sent
 * POST   /_sandbox/zoey/orders              a buyer checks out: {customer_id | guest, items, payment_method, ...}
 * POST   /_sandbox/zoey/orders/{id}/edit    an admin edits an order: {items?, shipping_address?, billing_address?}
 * POST   /_sandbox/zoey/orders/{id}/cancel  an admin cancels an order
 * POST   /_sandbox/zoey/accounts/{id}/edit  an admin edits an account: {name?, netsuite_customer_id?, ...}
 * POST   /_sandbox/zoey/tokens/revoke       every OAuth token stops working
 * </pre>
 *
 * Bad input is a 400 naming the problem, and changes nothing.
 */
final class ControlApi {

  static final String BASE = SandboxHttp.CONTROL + "/zoey";

  private ControlApi() {}

  static void register(JavalinConfig config, ZoeySandbox sandbox) {
    var routes = config.routes;
    routes.get(BASE + "/settings", control(ctx -> ctx.json(sandbox.settings().describe())));
    routes.put(
        BASE + "/settings",
        control(ctx -> {
          sandbox.settings(sandbox.settings().merge(body(ctx)));
          ctx.json(sandbox.settings().describe());
        }));
    routes.post(
        BASE + "/reset",
        control(ctx -> {
          var seed = ctx.body().isBlank() || body(ctx).path("seed").asBoolean(false);
          sandbox.reset(seed);
          ctx.status(204);
        }));
    routes.get(BASE + "/emails", control(ctx -> ctx.json(sandbox.emails())));
    routes.post(
        BASE + "/orders", control(ctx -> ctx.status(201).json(sandbox.placeOrder(body(ctx)))));
    routes.post(
        BASE + "/orders/{id}/edit",
        control(ctx -> ctx.status(201).json(sandbox.editOrder(ctx.pathParam("id"), body(ctx)))));
    routes.post(
        BASE + "/orders/{id}/cancel",
        control(ctx -> ctx.json(sandbox.cancelOrder(ctx.pathParam("id")))));
    routes.post(
        BASE + "/accounts/{id}/edit",
        control(ctx -> ctx.json(sandbox.editAccount(ctx.pathParam("id"), body(ctx)))));
    routes.post(
        BASE + "/tokens/revoke",
        control(ctx -> {
          sandbox.revokeTokens();
          ctx.status(204);
        }));
  }

  private static JsonNode body(Context ctx) {
    if (ctx.body().isBlank()) {
      throw new IllegalArgumentException("the request needs a JSON body");
    }
    return SandboxHttp.JSON.readTree(ctx.body());
  }

  private static Handler control(Handler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (ApiError e) {
        ctx.status(e.status()).json(Map.of("error", e.getMessage()));
      } catch (JacksonException | IllegalArgumentException e) {
        ctx.status(400).json(Map.of("error", "Bad control request: " + e.getMessage()));
      }
    };
  }
}
