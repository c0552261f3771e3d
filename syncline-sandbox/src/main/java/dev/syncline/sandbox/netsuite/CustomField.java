package dev.syncline.sandbox.netsuite;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A custom field an administrator added to an account. netsuite-api.md §3.3: custom fields ({@code
 * custentity_*} on customers and contacts, {@code custbody_*} on transactions, {@code custcol_*} on
 * transaction lines, {@code custitem_*} on items) are ordinary properties of the record or line.
 *
 * @param id the script id, such as {@code custentity_syncline_channels}
 * @param type what it holds
 * @param listValues for a select or multi-select field, its list's values by internal id
 */
public record CustomField(String id, Type type, Map<String, String> listValues) {

  private static final Pattern ID =
      Pattern.compile("(custentity|custbody|custcol|custitem)_[a-z0-9_]+");

  /** The field types the sandbox keeps. */
  public enum Type {
    TEXT,
    CHECKBOX,
    INTEGER,
    DECIMAL,
    DATE,
    DATETIME,
    SELECT,
    MULTISELECT
  }

  public CustomField {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "A custom field id starts with custentity_, custbody_, custcol_ or custitem_ and"
              + " continues in lower-case letters, digits and underscores, not \""
              + id
              + "\"");
    }
    listValues = Map.copyOf(listValues);
    if ((type == Type.SELECT || type == Type.MULTISELECT) == listValues.isEmpty()) {
      throw new IllegalArgumentException(
          "Custom field "
              + id
              + ": list values belong to select and multi-select fields, and those need some");
    }
  }

  public static CustomField of(String id, Type type) {
    return new CustomField(id, type, Map.of());
  }

  /** Whether it is a body field of records of {@code type}, or of their lines. */
  boolean appliesTo(RecordType recordType, boolean line) {
    if (line) {
      return recordType.isTransaction() && id.startsWith("custcol_");
    }
    return id.startsWith(recordType.customFieldPrefix() + "_");
  }

  /** Its column in SuiteQL, named as the field. */
  String column() {
    return id.toLowerCase(Locale.ROOT);
  }

  RecordSchema.Kind kind() {
    return switch (type) {
      case TEXT -> new RecordSchema.Kind.Scalar("string");
      case CHECKBOX -> new RecordSchema.Kind.Scalar("boolean");
      case INTEGER -> new RecordSchema.Kind.Scalar("integer");
      case DECIMAL -> new RecordSchema.Kind.Scalar("number");
      case DATE -> new RecordSchema.Kind.Scalar("date");
      case DATETIME -> new RecordSchema.Kind.Scalar("date-time");
      case SELECT -> new RecordSchema.Kind.Reference(id);
      case MULTISELECT -> new RecordSchema.Kind.References(id);
    };
  }
}
