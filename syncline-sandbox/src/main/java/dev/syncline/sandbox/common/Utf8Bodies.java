package dev.syncline.sandbox.common;

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
 * Makes every body a simulator serves UTF-8 and say so, and reads request bodies that state no
 * charset as UTF-8. JSON is UTF-8 on the wire (RFC 8259 §8.1), NetSuite's record media types
 * included ({@code application/vnd.oracle.resource+json} is registered as "same as all JSON content
 * types", IANA; research/netsuite-api.md lists the media types). Jetty writes a type it does not
 * know, such as those, as ISO-8859-1 unless told otherwise, which turns "東京" into "??" and "é" into
 * a byte no UTF-8 reader accepts. A Content-Type that names another charset is kept, and the body
 * is written in it.
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
