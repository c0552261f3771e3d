package dev.syncline.core;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;

/**
 * Text on the wire, the same for every client: what Syncline sends is UTF-8 and says so, and what
 * it reads is decoded in the charset the answer names, UTF-8 when it names none (RFC 8259 §8.1 for
 * JSON; RFC 6749 appendix B for OAuth forms). Bytes that are not text in that charset are an error,
 * never replacement characters that would be stored and sent on as if they were the customer's
 * name. Unicode is kept as it comes: nothing is normalised, so "e\u0301" stays two code points.
 */
public final class WireText {

  /** The Content-Type of a JSON body Syncline sends. */
  public static final String JSON = "application/json; charset=utf-8";

  /** The Content-Type of a form Syncline sends (OAuth token requests). */
  public static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

  private WireText() {}

  /** Bytes that are not text in the charset their answer named (or UTF-8). */
  public static final class NotText extends Exception {
    private NotText(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The body as text.
   *
   * @param contentType the answer's Content-Type header, if it had one
   * @throws NotText naming the charset and where the bytes stopped being text in it
   */
  public static String decode(Optional<String> contentType, byte[] body) throws NotText {
    var charset = charset(contentType);
    var decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    var in = ByteBuffer.wrap(body);
    try {
      return decoder.decode(in).toString();
    } catch (CharacterCodingException e) {
      throw new NotText(
          "its body is not "
              + charset.name()
              + " text from byte "
              + in.position()
              + " of "
              + body.length,
          e);
    }
  }

  /** The charset a Content-Type names; UTF-8 when it names none, or one Java does not know. */
  static Charset charset(Optional<String> contentType) {
    if (contentType.isEmpty()) {
      return StandardCharsets.UTF_8;
    }
    for (var parameter : contentType.get().split(";")) {
      var p = parameter.strip();
      if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
        var name = p.substring("charset=".length()).strip().replace("\"", "");
        try {
          return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
          return StandardCharsets.UTF_8;
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  /**
   * RFC 3986 percent-encoding of UTF-8 text: everything but the unreserved characters ({@code A-Z
   * a-z 0-9 - . _ ~}) becomes {@code %XX}, a space {@code %20} and never {@code +}. One encoding
   * for paths, queries, forms and OAuth 1.0a signatures alike (RFC 5849 §3.6 asks for exactly this;
   * netsuite-api.md §2.1).
   */
  public static String percentEncode(String text) {
    var bytes = text.getBytes(StandardCharsets.UTF_8);
    var out = new StringBuilder(bytes.length + 8);
    for (var b : bytes) {
      var c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      }
    }
    return out.toString();
  }

  /** {@code name=value&...}, each side percent-encoded: a form body or a query string. */
  public static String form(java.util.Map<String, String> values) {
    var out = new StringBuilder();
    values.forEach((name, value) -> {
      if (!out.isEmpty()) {
        out.append('&');
      }
      out.append(percentEncode(name)).append('=').append(percentEncode(value));
    });
    return out.toString();
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
