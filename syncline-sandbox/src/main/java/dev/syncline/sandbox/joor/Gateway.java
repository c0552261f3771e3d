package dev.syncline.sandbox.joor;

import dev.syncline.sandbox.common.SandboxClock;
import dev.syncline.sandbox.common.SandboxHttp;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What stands in front of every v2 and v4 call: who is calling, which account it addresses, and
 * whether that account has the credits (joor.md §1.3, §1.6). Errors leave in the shape of the API
 * that was called.
 */
final class Gateway {

  /** GET costs 1 credit, POST, PUT and DELETE 5 (joor.md §1.6). */
  static final int READ_COST = 1;

  static final int WRITE_COST = 5;

  private final JoorState state;
  private final SandboxClock clock;
  private final JoorSandboxSettings.RateLimitHeaders headers;

  Gateway(JoorState state, SandboxClock clock, JoorSandboxSettings settings) {
    this.state = state;
    this.clock = clock;
    this.headers = settings.headers();
  }

  static boolean isV2(Context ctx) {
    return ctx.path().startsWith("/v2/");
  }

  static boolean isApi(Context ctx) {
    return isV2(ctx) || ctx.path().startsWith("/v4/");
  }

  void before(Context ctx) {
    if (!isApi(ctx)) {
      return;
    }
    if (isV2(ctx)) {
      ctx.attribute(V2.LOG_ID, UUID.randomUUID().toString());
    }
    var now = clock.instant();
    var caller = state.auth.authenticate(Optional.ofNullable(ctx.header("Authorization")), now);
    var account = resolve(ctx, caller);
    SandboxHttp.account(ctx, account.id);
    var cost = ctx.method().name().equals("GET") ? READ_COST : WRITE_COST;
    var charge = account.credits.charge(now, cost);
    // joor.md §1.6: every response carries the account and rate-limit headers.
    ctx.header("X-Throttling-Account-Id", account.id);
    ctx.header(headers.limit(), Integer.toString(account.credits.budget()));
    ctx.header(headers.remaining(), Integer.toString(charge.remaining()));
    var refillSeconds = Long.toString(Math.max(1, ceilSeconds(charge.untilRefill())));
    ctx.header(headers.reset(), refillSeconds);
    if (!charge.allowed()) {
      ctx.header("Retry-After", refillSeconds);
      throw new JoorError(
          429,
          "TOO_MANY_REQUESTS",
          "Rate limit exceeded for account "
              + account.id
              + ": "
              + account.credits.budget()
              + " credits per window; the window refills in "
              + refillSeconds
              + " s");
    }
    SandboxHttp.cost(ctx, cost);
    ctx.attribute(Requests.ACCOUNT, account);
  }

  private static long ceilSeconds(java.time.Duration duration) {
    return (duration.toMillis() + 999) / 1000;
  }

  private Account resolve(Context ctx, Auth.Caller caller) {
    var asked = Optional.ofNullable(ctx.queryParam("account")).filter(a -> !a.isBlank());
    String id;
    if (asked.isPresent()) {
      id = asked.get().strip();
    } else if (isV2(ctx) && caller.accounts().size() == 1) {
      // A v2 token belongs to one account; v2 calls carry no account parameter (joor.md §1.2).
      id = caller.accounts().getFirst();
    } else {
      // joor.md §1.2: every v4 call names its account.
      throw JoorError.badRequest(
          "account is required: add account=<account_id> to the query"
              + (isV2(ctx) ? " when the token reaches several accounts" : ""));
    }
    if (!caller.accounts().contains(id)) {
      throw JoorError.forbidden("You do not have access to account " + id);
    }
    return state
        .account(id)
        .orElseThrow(() -> JoorError.forbidden("You do not have access to account " + id));
  }

  /** Renders a refusal as v2 or v4 would. */
  void render(JoorError error, Context ctx) {
    ctx.status(error.httpStatus());
    if (isV2(ctx)) {
      ctx.json(Map.of("response", V2.response(ctx, error.httpStatus(), error.getMessage())));
    } else {
      ctx.json(
          V4.envelope(
              java.util.List.of(),
              java.util.List.of(V4.error(error.code(), error.getMessage(), Map.of()))));
    }
  }
}
