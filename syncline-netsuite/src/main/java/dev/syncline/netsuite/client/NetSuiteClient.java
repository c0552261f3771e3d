package dev.syncline.netsuite.client;

import dev.syncline.core.PermanentSyncException;
import dev.syncline.core.SyncException;
import dev.syncline.core.WireText;
import dev.syncline.core.limit.Limiter;
import dev.syncline.core.limit.Limiters;
import dev.syncline.core.port.ConnectionState;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One NetSuite account through SuiteTalk REST web services: the record service (netsuite-api.md §3)
 * and SuiteQL (§4). One client per account, shared by every flow of the process, so that its
 * limiter keeps the account's calls within what Syncline may use. Every method either returns what
 * NetSuite answered or throws a {@link SyncException} of the right root.
 */
public final class NetSuiteClient {

  /** How much of a record to read. */
  public record GetOptions(boolean expandSubResources, List<String> fields) {
    public GetOptions {
      fields = List.copyOf(fields);
    }

    public static GetOptions plain() {
      return new GetOptions(false, List.of());
    }

    /** netsuite-api.md §3.2: sublists and subrecords with their lines, such as an address book. */
    public static GetOptions expanded() {
      return new GetOptions(true, List.of());
    }

    /** netsuite-api.md §3.2: only these body fields. */
    public static GetOptions fields(String... fields) {
      return new GetOptions(false, List.of(fields));
    }
  }

  /** What one record of a batch read came to. */
  public sealed interface Fetched {
    record Found(ObjectNode record) implements Fetched {}

    record Failed(SyncException error) implements Fetched {}
  }

  /** One page of a record list: ids only (netsuite-api.md §3.7). */
  public record IdPage(List<String> ids, boolean hasMore, int offset, long totalResults) {
    public IdPage {
      ids = List.copyOf(ids);
    }
  }

  private static final Pattern TYPE = Pattern.compile("[A-Za-z]+");
  private static final Pattern ID = Pattern.compile("\\d{1,18}|eid:[A-Za-z0-9_\\-]+");
  private static final Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9_\\-]+");

  private final NetSuiteConfig config;
  private final NetSuiteHttp http;

  private NetSuiteClient(NetSuiteConfig config, NetSuiteHttp http) {
    this.config = config;
    this.http = http;
  }

  /** A client with its own limiter of {@code config.concurrency()} calls in flight. */
  public static NetSuiteClient create(
      NetSuiteConfig config, MeterRegistry meters, InstantSource clock) {
    return create(config, Limiters.concurrency(config.concurrency()), meters, clock);
  }

  /** A client whose calls take permits from {@code limiter}, shared with other processes maybe. */
  public static NetSuiteClient create(
      NetSuiteConfig config, Limiter limiter, MeterRegistry meters, InstantSource clock) {
    return new NetSuiteClient(config, new NetSuiteHttp(config, limiter, meters, clock));
  }

  /** The id to pass for a record known by its external id (netsuite-api.md §3.3). */
  public static String externalId(String externalId) {
    return "eid:" + checkExternalId(externalId);
  }

  // ---- records ----------------------------------------------------------------------------------

  public ObjectNode get(String type, String id, GetOptions options) {
    var query = new ArrayList<String>();
    if (options.expandSubResources()) {
      query.add("expandSubResources=true");
    }
    if (!options.fields().isEmpty()) {
      query.add("fields=" + WireText.percentEncode(String.join(",", options.fields())));
    }
    var answer =
        http.send(
            call(
                "record.get",
                "get " + type + " " + id,
                "GET",
                recordUri(type, id, query),
                Optional.empty(),
                true));
    return object(answer, "the " + type + " " + id);
  }

  /**
   * Reads many records at once, each its own GET, as many in flight as the limiter allows: the
   * batch a change scan's ids turn into. A record that fails does not fail the others.
   */
  public Map<String, Fetched> getAll(String type, Collection<String> ids, GetOptions options) {
    var futures = new LinkedHashMap<String, Future<ObjectNode>>();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (var id : ids) {
        futures.put(id, executor.submit(() -> get(type, id, options)));
      }
    }
    var out = new LinkedHashMap<String, Fetched>();
    futures.forEach((id, future) -> {
      try {
        out.put(id, new Fetched.Found(future.get()));
      } catch (ExecutionException e) {
        if (e.getCause() instanceof SyncException s) {
          out.put(id, new Fetched.Failed(s));
        } else {
          throw new IllegalStateException(e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while reading " + type + " records", e);
      }
    });
    return out;
  }

  /** A page of a type's ids, filtered by {@code q} (netsuite-api.md §3.7). */
  public IdPage list(String type, Optional<String> q, int limit, int offset) {
    checkPage(limit, offset);
    var query = new ArrayList<String>();
    query.add("limit=" + limit);
    query.add("offset=" + offset);
    q.ifPresent(f -> query.add("q=" + WireText.percentEncode(f)));
    var uri = uri("/record/v1/" + checkType(type), query);
    var body =
        object(
            http.send(
                call(
                    "record.list",
                    "list " + type + " records",
                    "GET",
                    uri,
                    Optional.empty(),
                    true)),
            "the " + type + " list");
    var ids = new ArrayList<String>();
    body.path("items").forEach(i -> ids.add(i.path("id").asString()));
    return new IdPage(
        ids,
        body.path("hasMore").asBoolean(false),
        body.path("offset").asInt(offset),
        body.path("totalResults").asLong(ids.size()));
  }

  /** Creates a record; its internal id, from the answer's Location (netsuite-api.md §3.1). */
  public String create(String type, JsonNode body) {
    var answer =
        http.send(
            call(
                "record.create",
                "create a " + type,
                "POST",
                uri("/record/v1/" + checkType(type), List.of()),
                Optional.of(body.toString()),
                false));
    return idFromLocation(answer, "create a " + type)
        .orElseThrow(() -> noLocation("create a " + type));
  }

  /**
   * Changes the fields in {@code body}; the sublists named in {@code replace} get exactly the
   * body's lines (netsuite-api.md §3.5).
   */
  public void update(String type, String id, JsonNode body, Set<String> replace) {
    http.send(
        call(
            "record.update",
            "update " + type + " " + id,
            "PATCH",
            recordUri(type, id, replaceQuery(replace)),
            Optional.of(body.toString()),
            true));
  }

  /**
   * Creates or updates the record with this external id (netsuite-api.md §3.4), the idempotent
   * write: repeating it cannot make a second record. Returns the internal id.
   */
  public String upsert(String type, String externalId, JsonNode body, Set<String> replace) {
    var id = externalId(externalId);
    var answer =
        http.send(
            call(
                "record.upsert",
                "upsert " + type + " " + id,
                "PUT",
                recordUri(type, id, replaceQuery(replace)),
                Optional.of(body.toString()),
                true));
    // netsuite-api.md §3.4: whether the upsert's answer has a Location is unconfirmed; read it
    // back.
    return idFromLocation(answer, "upsert " + type + " " + id)
        .orElseGet(() -> get(type, id, GetOptions.fields("id")).path("id").asString());
  }

  public void delete(String type, String id) {
    http.send(
        call(
            "record.delete",
            "delete " + type + " " + id,
            "DELETE",
            recordUri(type, id, List.of()),
            Optional.empty(),
            true));
  }

  /**
   * Makes a record from another (netsuite-api.md §3.6): a sales order's fulfilment or invoice, an
   * invoice's payment or credit memo, a credit memo's refund. Returns the new record's id.
   */
  public String transform(String type, String id, String targetType, JsonNode body) {
    var what = "transform " + type + " " + id + " into a " + targetType;
    var uri =
        uri(
            "/record/v1/"
                + checkType(type)
                + "/"
                + checkId(id)
                + "/!transform/"
                + checkType(targetType),
            List.of());
    var answer =
        http.send(call("record.transform", what, "POST", uri, Optional.of(body.toString()), false));
    return idFromLocation(answer, what).orElseThrow(() -> noLocation(what));
  }

  // ---- Connection
  // --------------------------------------------------------------------------------

  /**
   * One cheap authenticated call, a SuiteQL query of one row (netsuite-api.md §4), to learn whether
   * NetSuite answers and accepts the credentials; says what it found, or throws the classified
   * error.
   */
  public String probe() {
    var started = System.nanoTime();
    suiteQl("SELECT id FROM customer", 1, 0);
    return "NetSuite account "
        + config.accountId()
        + " accepted the credentials and answered a SuiteQL query in "
        + Duration.ofNanos(System.nanoTime() - started).toMillis()
        + " ms.";
  }

  /** The connection as this client's calls found it, and the concurrency in use. */
  public ConnectionState connection() {
    return http.connection();
  }

  // ---- SuiteQL ----------------------------------------------------------------------------------

  /** One page of a query (netsuite-api.md §4: limit at most 1000, offset a multiple of it). */
  public SuiteQlPage suiteQl(String query, int limit, int offset) {
    checkPage(limit, offset);
    var body = NetSuiteHttp.JSON.createObjectNode().put("q", query);
    var uri = uri("/query/v1/suiteql", List.of("limit=" + limit, "offset=" + offset));
    var call =
        new NetSuiteHttp.Call(
            "suiteql",
            "run a SuiteQL query",
            "POST",
            uri,
            Optional.of(body.toString()),
            Map.of("Content-Type", WireText.JSON, "Prefer", "transient"),
            true);
    var page = object(http.send(call), "a SuiteQL page");
    var rows = new ArrayList<SuiteQlRow>();
    for (var item : page.path("items")) {
      var values = new LinkedHashMap<String, String>();
      for (var column : item.properties()) {
        if (!column.getKey().equals("links") && !column.getValue().isNull()) {
          values.put(column.getKey(), column.getValue().asString());
        }
      }
      rows.add(new SuiteQlRow(values));
    }
    return new SuiteQlPage(
        rows,
        page.path("hasMore").asBoolean(false),
        page.path("offset").asInt(offset),
        page.path("totalResults").asLong(rows.size()));
  }

  /**
   * Every row of a keyset query after {@code position}, page by page as the stream is read, each
   * page a fresh query after the last row (so the 100,000-row ceiling never applies).
   */
  public Stream<SuiteQlRow> scan(
      SuiteQlKeyset keyset, Optional<List<String>> position, int pageSize) {
    position.ifPresent(keyset::check);
    checkPage(pageSize, 0);
    var iterator =
        new Spliterators.AbstractSpliterator<SuiteQlRow>(
            Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
          private Optional<List<String>> after = position;
          private List<SuiteQlRow> page = List.of();
          private int next;
          private boolean last;

          @Override
          public boolean tryAdvance(Consumer<? super SuiteQlRow> action) {
            if (next == page.size()) {
              if (last) {
                return false;
              }
              var fetched = suiteQl(keyset.query(after), pageSize, 0);
              page = fetched.rows();
              next = 0;
              last = page.size() < pageSize;
              if (page.isEmpty()) {
                return false;
              }
              var newPosition = keyset.positionOf(page.getLast());
              keyset.check(newPosition);
              if (after.isPresent() && after.get().equals(newPosition)) {
                throw new PermanentSyncException(
                    NetSuiteErrors.SYSTEM,
                    "A SuiteQL keyset page ended where it began ("
                        + newPosition
                        + "); its keys are not unique. Add the id as the last key.");
              }
              after = Optional.of(newPosition);
            }
            action.accept(page.get(next++));
            return true;
          }
        };
    return StreamSupport.stream(iterator, false);
  }

  /** Escapes a text for a SuiteQL string literal: {@code O'Brien} becomes {@code 'O''Brien'}. */
  public static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private NetSuiteHttp.Call call(
      String operation,
      String what,
      String method,
      URI uri,
      Optional<String> body,
      boolean idempotent) {
    var headers = new LinkedHashMap<String, String>();
    if (body.isPresent()) {
      headers.put("Content-Type", WireText.JSON);
      // netsuite-api.md §3.2: unknown field names are an error, not a silently dropped value.
      headers.put("X-NetSuite-PropertyNameValidation", "Error");
    }
    return new NetSuiteHttp.Call(operation, what, method, uri, body, headers, idempotent);
  }

  private URI recordUri(String type, String id, List<String> query) {
    return uri("/record/v1/" + checkType(type) + "/" + checkId(id), query);
  }

  private URI uri(String path, List<String> query) {
    return URI.create(
        config.restRoot() + path + (query.isEmpty() ? "" : "?" + String.join("&", query)));
  }

  private static List<String> replaceQuery(Set<String> replace) {
    replace.forEach(NetSuiteClient::checkType);
    return replace.isEmpty()
        ? List.of()
        : List.of("replace=" + WireText.percentEncode(String.join(",", replace)));
  }

  private static ObjectNode object(NetSuiteHttp.Answer answer, String what) {
    var json = answer.json();
    if (!json.isObject()) {
      throw new PermanentSyncException(
          NetSuiteErrors.SYSTEM,
          "NetSuite answered " + what + " with " + json + " instead of a JSON object.");
    }
    return (ObjectNode) json;
  }

  private static Optional<String> idFromLocation(NetSuiteHttp.Answer answer, String what) {
    return answer
        .header("Location")
        .map(location -> {
          var id = location.substring(location.lastIndexOf('/') + 1);
          if (!id.matches("\\d+")) {
            throw new PermanentSyncException(
                NetSuiteErrors.SYSTEM,
                "NetSuite answered the call to "
                    + what
                    + " with a Location that names no record id: "
                    + location);
          }
          return id;
        });
  }

  private static PermanentSyncException noLocation(String what) {
    return new PermanentSyncException(
        NetSuiteErrors.SYSTEM,
        "NetSuite answered the call to " + what + " without the Location of the new record.");
  }

  private static void checkPage(int limit, int offset) {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("NetSuite pages hold 1 to 1000 rows, not " + limit);
    }
    if (offset < 0 || offset % limit != 0) {
      throw new IllegalArgumentException(
          "NetSuite needs the offset ("
              + offset
              + ") to be a multiple of the limit ("
              + limit
              + ")");
    }
  }

  private static String checkType(String type) {
    if (!TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException(
          "A NetSuite record type is letters only, such as salesOrder, not " + type);
    }
    return type;
  }

  private static String checkId(String id) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "A NetSuite record id is an internal id or eid:<external id>, not " + id);
    }
    return id;
  }

  private static String checkExternalId(String externalId) {
    if (!EXTERNAL_ID.matcher(externalId).matches()) {
      // netsuite-api.md §3.3: letters, digits, _ and - only; | breaks parsing.
      throw new IllegalArgumentException(
          "A NetSuite external id has only letters, digits, _ and -, not " + externalId);
    }
    return externalId;
  }
}
