package dev.syncline.joor.client;

import dev.syncline.core.WireText;
import dev.syncline.joor.client.Call.Api;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * JOOR's customers: v2 connections (joor.md §2.1). Reads cost a credit each; to learn about many
 * connections, list them a page at a time rather than one by one. For writes, {@link
 * ConnectionWriter} groups upserts into bulk calls; the single writes here cost five credits each.
 */
public final class JoorConnections {

  /** UTC {@code YYYY-MM-DDThh:mm:ss.sTZD} (joor.md §1.4). */
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

  private final JoorHttp http;
  private final JsonMapper json;

  JoorConnections(JoorHttp http, JsonMapper json) {
    this.http = http;
    this.json = json;
  }

  /** The connection with this customer code, if JOOR has one. */
  public Optional<Connection> byCustomerCode(String customerCode) {
    var template = "/connection/customer_code/{customer_code}/";
    return http.find(
            Call.get(
                Api.V2,
                template,
                "/connection/customer_code/" + WireText.percentEncode(customerCode) + "/",
                java.util.Map.of()))
        .map(answer -> single(answer, "customer code " + customerCode));
  }

  /** The connection with this JOOR id ({@link Connection#id()}), if there is one. */
  public Optional<Connection> byId(long id) {
    return http.find(
            Call.get(
                Api.V2,
                "/connection/{connection_id}/",
                "/connection/" + id + "/",
                java.util.Map.of()))
        .map(answer -> single(answer, "connection " + id));
  }

  private static Connection single(JoorHttp.Answer answer, String what) {
    var all = ConnectionCodec.readAll(answer.body(), answer.wire());
    if (all.size() != 1) {
      throw answer
          .wire()
          .surprise("holds " + all.size() + " connections for " + what + " instead of one");
    }
    return all.getFirst();
  }

  /** One page, from {@code startFrom}. */
  public Page<Connection> page(ConnectionFilter filter, int startFrom) {
    var query = new LinkedHashMap<String, String>();
    filter.modifiedFrom().ifPresent(from -> query.put("date_start", TIMESTAMP.format(from)));
    filter.modifiedTo().ifPresent(to -> query.put("date_end", TIMESTAMP.format(to)));
    query.put("start_from", Integer.toString(startFrom));
    query.put("count", Integer.toString(filter.pageSize()));
    var answer = http.send(Call.get(Api.V2, "/connection/", "/connection/", query));
    var response = answer.body().path("connections").path("response");
    var next = response.path("next_start");
    return new Page<>(
        ConnectionCodec.readAll(answer.body(), answer.wire()),
        startFrom,
        next.canConvertToInt() && next.isNumber()
            ? OptionalInt.of(next.intValue())
            : OptionalInt.empty(),
        response.path("total").asInt(0));
  }

  /** Every matching connection, a page at a time as the stream is read: one credit per page. */
  public Stream<Connection> stream(ConnectionFilter filter) {
    return Paging.stream(start -> page(filter, start));
  }

  /**
   * Creates one connection; JOOR refuses a customer code it has already (the duplicate customer
   * code error, HTTP 409). New codes wait for JOOR's match.
   */
  public Connection create(ConnectionData data) {
    var body = json.createObjectNode();
    body.set("connection", ConnectionCodec.write(data, json));
    // Not idempotent: sent twice, the second is refused as a duplicate.
    var answer =
        http.send(
            Call.write(
                Api.V2,
                "POST",
                "/connection/",
                "/connection/",
                java.util.Map.of(),
                body.toString(),
                false));
    return single(answer, "customer code " + data.customerCode());
  }

  /** Replaces everything the brand said about an existing connection. */
  public Connection update(ConnectionData data) {
    var body = json.createObjectNode();
    body.set("connection", ConnectionCodec.write(data, json));
    var path = "/connection/customer_code/" + WireText.percentEncode(data.customerCode()) + "/";
    var answer =
        http.send(
            Call.write(
                Api.V2,
                "PUT",
                "/connection/customer_code/{customer_code}/",
                path,
                java.util.Map.of(),
                body.toString(),
                true));
    return single(answer, "customer code " + data.customerCode());
  }

  /** Deactivates and removes the connection (joor.md §1.4); false when JOOR had none. */
  public boolean delete(String customerCode) {
    var path = "/connection/customer_code/" + WireText.percentEncode(customerCode) + "/";
    return http.find(Call.delete(Api.V2, "/connection/customer_code/{customer_code}/", path))
        .isPresent();
  }

  /** Starts a bulk-connection job: new codes are created, known ones updated (joor.md §2.1). */
  String submit(List<ConnectionData> connections) {
    var body = json.createObjectNode();
    var list = body.putObject("bulk_connections").putArray("connection");
    connections.forEach(c -> list.add(ConnectionCodec.write(c, json)));
    // Idempotent in effect: a second job writes the same data under the same customer codes.
    var answer =
        http.send(
            Call.write(
                Api.V2,
                "POST",
                "/bulk-connection",
                "/bulk-connection",
                java.util.Map.of(),
                body.toString(),
                true));
    return ConnectionCodec.readJob(answer.body(), answer.wire()).id();
  }

  /** A bulk-connection job's state, and its results once complete; costs a credit. */
  JobState job(String jobId) {
    var answer =
        http.send(
            Call.get(
                Api.V2,
                "/bulk-connection/{job_id}",
                "/bulk-connection/" + WireText.percentEncode(jobId),
                java.util.Map.of()));
    return new JobState(ConnectionCodec.readJob(answer.body(), answer.wire()), answer.wire());
  }

  record JobState(ConnectionCodec.Job job, Wire wire) {}
}
