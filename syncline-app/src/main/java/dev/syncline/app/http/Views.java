package dev.syncline.app.http;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/** Renders the dashboard's templates (src/main/jte), compiled to classes at build time. */
final class Views {

  private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

  private Views() {}

  static void render(Context ctx, String template, Map<String, Object> params) {
    var out = new StringOutput();
    ENGINE.render(template, params, out);
    ctx.html(out.toString());
  }

  /** Whether htmx sent this request, which then wants a fragment, not a whole page. */
  static boolean htmx(Context ctx) {
    return "true".equals(ctx.header("HX-Request"));
  }
}
