package dev.syncline.app.http;

import io.javalin.http.Context;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading API request bodies, with errors that say what is wrong with them. */
final class Json {

  private static final JsonMapper JSON = JsonMapper.shared();

  private Json() {}

  /** The body as a JSON object; an empty body is an empty object. */
  static JsonNode body(Context ctx) {
    if (ctx.body().isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      var node = JSON.readTree(ctx.body());
      if (!node.isObject()) {
        throw new ApiError(400, "The body must be a JSON object", Optional.empty());
      }
      return node;
    } catch (JacksonException e) {
      throw new ApiError(
          400, "The body is not valid JSON: " + e.getOriginalMessage(), Optional.empty());
    }
  }

  static Optional<String> text(JsonNode body, String field) {
    var node = body.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isValueNode()) {
      throw ApiError.badRequest(field, field + " must be a string");
    }
    return Optional.of(node.asString());
  }
}
