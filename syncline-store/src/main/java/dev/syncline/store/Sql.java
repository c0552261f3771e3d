package dev.syncline.store;

import dev.syncline.core.port.TargetRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Conversions between Java values and PostgreSQL columns, the same everywhere in the store. */
final class Sql {

  private static final JsonMapper JSON = JsonMapper.shared();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> TEXT_MAP = new TypeReference<>() {};

  private Sql() {}

  /** A side as its column holds it. */
  static String side(dev.syncline.core.flow.Side side) {
    return side.name();
  }

  /**
   * An instant as {@code timestamptz}, free of the JVM's time zone. Cut to the microsecond that
   * PostgreSQL keeps, which would otherwise round it: a time written as "now" must not read back
   * later than now.
   */
  static OffsetDateTime ts(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }

  /**
   * An instant as text that PostgreSQL reads as {@code timestamptz} (an element of an array bound
   * to {@code unnest}), cut to the microsecond as {@link #ts} does.
   */
  static String tsText(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS).toString();
  }

  static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
    var value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? Optional.empty() : Optional.of(value.toInstant());
  }

  static Instant requiredInstant(ResultSet rs, String column) throws SQLException {
    return instant(rs, column)
        .orElseThrow(() -> new SQLException("Column " + column + " is unexpectedly null"));
  }

  static Optional<String> text(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getString(column));
  }

  /** A JSON object of text values, as a map; empty for null. */
  static Map<String, String> textMap(String json) {
    return json == null ? Map.of() : JSON.readValue(json, TEXT_MAP);
  }

  static String json(TargetRecord record) {
    return JSON.writeValueAsString(record.fields());
  }

  static Optional<TargetRecord> targetRecord(ResultSet rs, String column) throws SQLException {
    var text = rs.getString(column);
    return text == null
        ? Optional.empty()
        : Optional.of(new TargetRecord(JSON.readValue(text, MAP)));
  }
}
