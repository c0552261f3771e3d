package dev.syncline.sandbox.joor;

import dev.syncline.sandbox.common.SandboxHttp;
import io.javalin.http.Context;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Reading what a request carries, refusing what cannot be read with a message that says why. */
final class Requests {

  static final String ACCOUNT = "joor.account";

  private Requests() {}

  /** The account the gateway resolved for this request. */
  static Account account(Context ctx) {
    return ctx.attribute(ACCOUNT);
  }

  static JsonNode json(Context ctx) {
    var body = ctx.body();
    if (body.isBlank()) {
      throw JoorError.badRequest("The body is empty; send JSON (Content-Type: application/json)");
    }
    try {
      return SandboxHttp.JSON.readTree(body);
    } catch (JacksonException e) {
      throw JoorError.badRequest("The body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** The single object under {@code name}, as v2 wraps what it is sent (joor.md §1.4). */
  static Fields wrapped(Context ctx, String name) {
    var body = Fields.of(json(ctx), "the body").allowOnly(java.util.Set.of(name));
    if (!body.has(name)) {
      throw JoorError.badRequest("The body must be {\"" + name + "\": {...}}");
    }
    return Fields.of(body.node().get(name), name);
  }

  static boolean flag(Context ctx, String name) {
    var value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return false;
    }
    return switch (value.strip()) {
      case "1", "true" -> true;
      case "0", "false" -> false;
      default -> throw JoorError.badRequest(name + " must be 1 or 0, not \"" + value + "\"");
    };
  }

  static long id(Context ctx, String name) {
    try {
      return Long.parseLong(ctx.pathParam(name));
    } catch (NumberFormatException e) {
      throw JoorError.notFound(name + " \"" + ctx.pathParam(name) + "\" is not a JOOR id");
    }
  }
}
