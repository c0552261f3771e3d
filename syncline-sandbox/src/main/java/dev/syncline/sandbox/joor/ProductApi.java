package dev.syncline.sandbox.joor;

import dev.syncline.sandbox.common.SandboxClock;
import dev.syncline.sandbox.joor.BulkItems.ItemError;
import dev.syncline.sandbox.joor.Catalog.Product;
import dev.syncline.sandbox.joor.Catalog.TraitValue;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * v4 products (joor.md §2.4: bulk_create, bulk_update, GET) and the legacy v2 style reads over the
 * same catalog. New style integrations must use v4 (joor.md §1.1), so v2 style writes are not
 * simulated.
 */
final class ProductApi {

  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "external_id",
          "product_identifier",
          "description",
          "order_minimum",
          "category_ids",
          "product_trait_values",
          "tags");

  private final SandboxClock clock;
  private final JoorSandboxSettings settings;

  ProductApi(SandboxClock clock, JoorSandboxSettings settings) {
    this.clock = clock;
    this.settings = settings;
  }

  void routes(RoutesConfig routes) {
    routes.post("/v4/products/bulk_create", this::create);
    routes.post("/v4/products/bulk_update", this::update);
    routes.get("/v4/products", this::list);
    routes.get("/v2/style", this::styles);
    routes.get("/v2/style/{style_id}", this::styleById);
    routes.get("/v2/style-number/{style_number}/{style_identifier}", this::styleByNumber);
  }

  private void create(Context ctx) {
    var account = Requests.account(ctx);
    var items = V4.items(ctx, settings.maxBulkRecords());
    var now = clock.instant();
    ctx.json(
        account.locked(
            now,
            () -> {
              var seen = new HashSet<String>();
              return BulkItems.each(
                      items,
                      item -> BulkItems.key(item, "external_id"),
                      (f, i) -> {
                        f.allowOnly(FIELDS);
                        var externalId = f.optional("external_id", 100);
                        if (!externalId.isEmpty()
                            && (!seen.add(externalId)
                                || account.catalog.productByExternalId(externalId).isPresent())) {
                          // joor.md §4: re-creating a product gives DUPLICATED.
                          throw new ItemError(
                              "DUPLICATED",
                              "A product with external_id " + externalId + " already exists",
                              Map.of("external_id", externalId));
                        }
                        var product =
                            new Product(
                                account.ids.product(),
                                f.required("name", 255),
                                externalId,
                                f.optional("product_identifier", 100),
                                f.optional("description", 2000),
                                f.integer("order_minimum", 0),
                                strings(f, "category_ids"),
                                traits(f),
                                strings(f, "tags"),
                                now,
                                now);
                        account.catalog.products.put(product.id(), product);
                        return CatalogJson.product(product);
                      })
                  .envelope();
            }));
  }

  private void update(Context ctx) {
    var account = Requests.account(ctx);
    var items = V4.items(ctx, settings.maxBulkRecords());
    var now = clock.instant();
    ctx.json(
        account.locked(
            now,
            () ->
                BulkItems.each(
                        items,
                        item -> BulkItems.key(item, "id"),
                        (f, i) -> {
                          var fields = new HashSet<>(FIELDS);
                          fields.add("id");
                          f.allowOnly(fields);
                          var id = f.required("id", 100);
                          var old = account.catalog.products.get(id);
                          if (old == null) {
                            throw JoorError.notFound("No product " + id);
                          }
                          var product = updated(f, old, now);
                          account.catalog.products.put(id, product);
                          return CatalogJson.product(product);
                        })
                    .envelope()));
  }

  /** Only the fields sent change. */
  private static Product updated(Fields f, Product old, Instant now) {
    return new Product(
        old.id(),
        f.has("name") ? f.required("name", 255) : old.name(),
        f.has("external_id") ? f.optional("external_id", 100) : old.externalId(),
        f.has("product_identifier") ? f.optional("product_identifier", 100) : old.identifier(),
        f.has("description") ? f.optional("description", 2000) : old.description(),
        f.integer("order_minimum", old.orderMinimum()),
        f.has("category_ids") ? strings(f, "category_ids") : old.categoryIds(),
        f.has("product_trait_values") ? traits(f) : old.traits(),
        f.has("tags") ? strings(f, "tags") : old.tags(),
        old.created(),
        now);
  }

  private static List<String> strings(Fields f, String name) {
    return f.array(name).stream()
        .map(node -> {
          if (!node.isString() && !node.isNumber()) {
            throw JoorError.badRequest(f.where() + ": " + name + " must hold text values");
          }
          return node.asString();
        })
        .toList();
  }

  private static List<TraitValue> traits(Fields f) {
    return f.array("product_trait_values").stream()
        .map(node -> {
          var t =
              Fields.of(node, f.where() + ".product_trait_values")
                  .allowOnly(Set.of("trait_id", "value", "external_id"));
          return new TraitValue(
              t.required("trait_id", 100),
              t.required("value", 255),
              t.optional("external_id", 100));
        })
        .toList();
  }

  /** Filters by {@code product_ids} or {@code external_ids}; pages with page and page_size. */
  private void list(Context ctx) {
    var account = Requests.account(ctx);
    var ids = V4.ids(ctx, "product_ids");
    var externalIds = V4.ids(ctx, "external_ids");
    ctx.json(
        account.locked(
            clock.instant(),
            () -> {
              var matching =
                  account.catalog.products.values().stream()
                      .filter(p -> ids.isEmpty() || ids.contains(p.id()))
                      .filter(p -> externalIds.isEmpty() || externalIds.contains(p.externalId()))
                      .toList();
              return V4.envelope(
                  V4.page(ctx, matching, settings.maxPageSize()).stream()
                      .map(CatalogJson::product)
                      .toList(),
                  List.of());
            }));
  }

  private static Map<String, Object> styleAnswer(
      Map<String, Object> response, List<Map<String, Object>> styles) {
    var inner = new LinkedHashMap<String, Object>();
    inner.put("response", response);
    inner.put("styles", Map.of("style", styles));
    return Map.of("styles", inner);
  }

  /**
   * Filters on created (date_created_start/_end) and modified (date_start/_end) dates (joor.md
   * §2.4).
   */
  private void styles(Context ctx) {
    var account = Requests.account(ctx);
    var paging = V2.Paging.of(ctx, settings.maxPageSize());
    var modified = V2.DateRange.of(ctx);
    var created = createdRange(ctx);
    ctx.json(
        account.locked(
            clock.instant(),
            () -> {
              var matching =
                  account.catalog.products.values().stream()
                      .filter(p -> modified.map(r -> r.contains(p.modified())).orElse(true))
                      .filter(p -> created.map(r -> r.contains(p.created())).orElse(true))
                      .toList();
              var page = paging.of(matching);
              return styleAnswer(
                  V2.response(ctx, paging, page.size(), matching.size()),
                  page.stream().map(p -> CatalogJson.style(p, account.catalog)).toList());
            }));
  }

  private static java.util.Optional<V2.DateRange> createdRange(Context ctx) {
    var start = ctx.queryParam("date_created_start");
    var end = ctx.queryParam("date_created_end");
    if (start == null && end == null) {
      return java.util.Optional.empty();
    }
    if (start == null || end == null) {
      throw JoorError.badRequest("date_created_start and date_created_end must be sent together");
    }
    return java.util.Optional.of(
        new V2.DateRange(
            V2.parseTimestamp("date_created_start", start),
            V2.parseTimestamp("date_created_end", end)));
  }

  private void styleById(Context ctx) {
    var id = Long.toString(Requests.id(ctx, "style_id"));
    oneStyle(
        ctx,
        account -> java.util.Optional.ofNullable(account.catalog.products.get(id)),
        "No style " + id);
  }

  private void styleByNumber(Context ctx) {
    var number = ctx.pathParam("style_number");
    var identifier = ctx.pathParam("style_identifier");
    oneStyle(
        ctx,
        account ->
            account.catalog.products.values().stream()
                .filter(p -> p.externalId().equals(number))
                .filter(p ->
                    (p.identifier().isEmpty() ? p.externalId() : p.identifier()).equals(identifier))
                .findFirst(),
        "No style with style number " + number + " and identifier " + identifier);
  }

  private void oneStyle(
      Context ctx,
      java.util.function.Function<Account, java.util.Optional<Product>> find,
      String missing) {
    var account = Requests.account(ctx);
    ctx.json(
        account.locked(
            clock.instant(),
            () -> {
              var product = find.apply(account).orElseThrow(() -> JoorError.notFound(missing));
              return styleAnswer(
                  V2.response(ctx, 0, ""), List.of(CatalogJson.style(product, account.catalog)));
            }));
  }
}
