package dev.syncline.sandbox.joor;

import dev.syncline.sandbox.common.SandboxHttp;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;

/**
 * JOOR's part of the control API, under {@code /_sandbox/joor}: seed accounts, approve pending
 * connections, place and move orders as retailers and brand users would, read credits and
 * inventory, revoke tokens. Bad input is a 400 that changes nothing.
 */
final class ControlApi {

  static final String ROOT = SandboxHttp.CONTROL + "/joor";

  private final JoorSandbox sandbox;

  ControlApi(JoorSandbox sandbox) {
    this.sandbox = sandbox;
  }

  void routes(RoutesConfig routes) {
    routes.post(
        ROOT + "/seed",
        control(ctx -> {
          sandbox.seed(ctx.body());
          ctx.status(201);
        }));
    routes.get(ROOT + "/credits", control(ctx -> ctx.json(sandbox.credits())));
    routes.post(
        ROOT + "/accounts/{account}/connections/approve",
        control(ctx -> ctx.json(Map.of("approved", approve(ctx)))));
    routes.post(
        ROOT + "/accounts/{account}/orders",
        control(ctx ->
            ctx.status(201)
                .json(
                    Map.of("order_id", sandbox.placeOrder(ctx.pathParam("account"), ctx.body())))));
    routes.put(
        ROOT + "/accounts/{account}/orders/{order_id}/status",
        control(ctx -> {
          var body =
              Fields.of(SandboxHttp.JSON.readTree(ctx.body()), "the body")
                  .allowOnly(java.util.Set.of("status", "tracking_number"));
          sandbox.moveOrder(
              ctx.pathParam("account"),
              Long.parseLong(ctx.pathParam("order_id")),
              body.required("status", 20),
              body.optional("tracking_number", 100));
          ctx.status(204);
        }));
    routes.put(
        ROOT + "/accounts/{account}/order-validation",
        control(ctx -> {
          var body =
              Fields.of(SandboxHttp.JSON.readTree(ctx.body()), "the body")
                  .allowOnly(java.util.Set.of("fields"));
          sandbox.validateOrderFields(
              ctx.pathParam("account"),
              body.array("fields").stream().map(n -> n.asString()).toList());
          ctx.status(204);
        }));
    routes.get(
        ROOT + "/accounts/{account}/inventory",
        control(ctx -> ctx.json(sandbox.inventory(ctx.pathParam("account")))));
    routes.delete(
        ROOT + "/tokens",
        control(ctx -> {
          sandbox.revokeAccessTokens();
          ctx.status(204);
        }));
  }

  /**
   * Body {@code {"customer_codes": [...]}} approves those; an empty body approves every pending
   * one.
   */
  private List<String> approve(Context ctx) {
    var account = ctx.pathParam("account");
    if (ctx.body().isBlank()) {
      return sandbox.approvePending(account);
    }
    var codes =
        Fields.of(SandboxHttp.JSON.readTree(ctx.body()), "the body")
            .allowOnly(java.util.Set.of("customer_codes"))
            .array("customer_codes")
            .stream()
            .map(n -> n.asString())
            .toList();
    return sandbox.approvePending(account, codes);
  }

  private static Handler control(Handler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (JacksonException | IllegalArgumentException | JoorError e) {
        var message = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
        ctx.status(400).json(Map.of("error", "Bad control request: " + message));
      }
    };
  }
}
