package dev.syncline.app.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Locale;

/**
 * Makes every answer of Syncline's server UTF-8 and say so, pages, fragments, API and assets alike,
 * and reads requests that state no charset (forms, JSON) as UTF-8. Jetty leaves the charset to the
 * reader's guess for JSON and writes types it does not know as ISO-8859-1; a guess is how a
 * customer called "東京" becomes "??". A Content-Type that names another charset is kept.
 */
final class Utf8Bodies implements Filter {

  private static final String CHARSET = "charset=utf-8";

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request.getCharacterEncoding() == null) {
      request.setCharacterEncoding("UTF-8");
    }
    var http = (HttpServletResponse) response;
    http.setCharacterEncoding("UTF-8");
    chain.doFilter(request, new Stated(http));
  }

  /** The type with {@code charset=utf-8} added, unless it names a charset already. */
  static String withCharset(String type) {
    if (type == null || type.toLowerCase(Locale.ROOT).contains("charset=")) {
      return type;
    }
    return type + "; " + CHARSET;
  }

  /**
   * Jetty leaves the charset out of the header for JSON (it thinks JSON needs none) even when the
   * encoding was set; a client that guesses would guess right, but we state it for those that
   * don't.
   */
  private static final class Stated extends HttpServletResponseWrapper {

    Stated(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void setContentType(String type) {
      super.setContentType(withCharset(type));
    }

    @Override
    public void setHeader(String name, String value) {
      super.setHeader(name, contentType(name) ? withCharset(value) : value);
    }

    @Override
    public void addHeader(String name, String value) {
      super.addHeader(name, contentType(name) ? withCharset(value) : value);
    }

    private static boolean contentType(String name) {
      return "Content-Type".equalsIgnoreCase(name);
    }
  }
}
