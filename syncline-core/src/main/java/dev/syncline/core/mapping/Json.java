package dev.syncline.core.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Canonical records as JSON trees, and the stable hash of a tree. */
public final class Json {

  /** Sorted keys and no absent values, so that equal content always serialises to equal text. */
  static final JsonMapper CANONICAL =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .changeDefaultPropertyInclusion(
              incl -> incl.withValueInclusion(JsonInclude.Include.NON_ABSENT))
          .build();

  private Json() {}

  /** A canonical record (or any Java value) as maps, lists, text, numbers and booleans. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> tree(Object record) {
    return CANONICAL.convertValue(record, Map.class);
  }

  /** Stable text of a tree: sorted keys, no absent values. */
  public static String canonicalText(Object tree) {
    return CANONICAL.writeValueAsString(tree);
  }

  /** SHA-256 of the canonical text, in hex. */
  public static String hash(Object tree) {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(digest.digest(canonicalText(tree).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
