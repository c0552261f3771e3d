package dev.syncline.sandbox.joor;

import dev.syncline.sandbox.common.SandboxClock;
import dev.syncline.sandbox.joor.BulkItems.ItemError;
import dev.syncline.sandbox.joor.Catalog.Identifier;
import dev.syncline.sandbox.joor.Catalog.Sku;
import dev.syncline.sandbox.joor.Catalog.SkuTrait;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * v4 SKUs (joor.md §2.4): each has a colour and a size, the full colour x size grid of a product
 * must exist, size values are case-sensitive, and making a colour or size INACTIVE takes it off
 * every order (orders hide lines whose SKU is not shoppable) until it is ACTIVE again.
 */
final class SkuApi {

  private static final Set<String> IDENTIFIER_TYPES = Set.of("upc", "gtin", "ean", "mpn");

  private final SandboxClock clock;
  private final JoorSandboxSettings settings;

  SkuApi(SandboxClock clock, JoorSandboxSettings settings) {
    this.clock = clock;
    this.settings = settings;
  }

  void routes(RoutesConfig routes) {
    routes.post("/v4/skus/bulk_create", this::create);
    routes.post("/v4/skus/bulk_update", this::update);
    routes.get("/v4/skus", this::list);
  }

  private void create(Context ctx) {
    var account = Requests.account(ctx);
    var items = V4.items(ctx, settings.maxBulkRecords());
    var now = clock.instant();
    ctx.json(account.locked(now, () -> create(account, items, now)));
  }

  /** Checks every item, then the grid of each product, then writes the items that passed. */
  static Map<String, Object> create(Account account, List<JsonNode> items, Instant now) {
    var candidates = new ArrayList<Optional<Sku>>();
    var refusals = new HashMap<Integer, RuntimeException>();
    var upcs = new HashSet<String>();
    for (int i = 0; i < items.size(); i++) {
      try {
        var sku = candidate(account, Fields.of(items.get(i), "item " + i), now);
        var upc = sku.upc();
        if (upc.isPresent() && !upcs.add(upc.get())) {
          throw duplicated("UPC " + upc.get() + " appears more than once in this request", sku);
        }
        for (var earlier : candidates) {
          if (earlier.isPresent() && sameCell(earlier.get(), sku)) {
            throw duplicated("This colour and size appear more than once in this request", sku);
          }
        }
        candidates.add(Optional.of(sku));
      } catch (ItemError | JoorError e) {
        candidates.add(Optional.empty());
        refusals.put(i, e);
      }
    }
    checkGrids(account, candidates, refusals);
    return BulkItems.each(
            items,
            item -> BulkItems.key(item, "product_id", "external_id"),
            (f, i) -> {
              if (refusals.containsKey(i)) {
                throw refusals.get(i);
              }
              var sku = candidates.get(i).orElseThrow();
              account.catalog.skus.put(sku.id(), sku);
              return CatalogJson.sku(sku);
            })
        .envelope();
  }

  private static Sku candidate(Account account, Fields f, Instant now) {
    f.allowOnly(
        Set.of("product_id", "external_id", "sku_identifier", "trait_values", "identifiers"));
    var productId = f.required("product_id", 100);
    if (!account.catalog.products.containsKey(productId)) {
      throw JoorError.notFound("No product " + productId);
    }
    SkuTrait color = null;
    SkuTrait size = null;
    for (var node : f.array("trait_values")) {
      var t =
          Fields.of(node, f.where() + ".trait_values")
              .allowOnly(Set.of("trait_id", "value", "external_id", "order_minimum", "status"));
      var trait = trait(t, Optional.empty());
      switch (t.required("trait_id", 100)) {
        case Catalog.COLOR -> color = trait;
        case Catalog.SIZE -> size = trait;
        default ->
            throw JoorError.badRequest(
                f.where()
                    + ": a SKU's traits are Color ("
                    + Catalog.COLOR
                    + ") and Size ("
                    + Catalog.SIZE
                    + ")");
      }
    }
    if (color == null || size == null) {
      throw JoorError.badRequest(
          f.where() + ": every SKU needs both a Color and a Size trait value");
    }
    var identifiers = identifiers(f);
    var externalId = f.optional("external_id", 100);
    var sku =
        new Sku(
            account.ids.sku(productId),
            productId,
            externalId,
            f.optional("sku_identifier", 100),
            color,
            size,
            identifiers,
            now,
            now);
    if (!externalId.isEmpty()
        && account.catalog.skus.values().stream()
            .anyMatch(s -> s.externalId().equals(externalId))) {
      throw duplicated("A SKU with external_id " + externalId + " already exists", sku);
    }
    if (sku.upc().flatMap(account.catalog::skuByUpc).isPresent()) {
      throw duplicated("UPC " + sku.upc().orElseThrow() + " is already on another SKU", sku);
    }
    if (account.catalog.skusOf(productId).stream().anyMatch(s -> sameCell(s, sku))) {
      throw duplicated(
          "Product "
              + productId
              + " already has a SKU for "
              + sku.color().value()
              + " / "
              + sku.size().value(),
          sku);
    }
    return sku;
  }

  private static SkuTrait trait(Fields t, Optional<SkuTrait> old) {
    var status =
        t.has("status") ? t.required("status", 10) : old.map(SkuTrait::status).orElse("ACTIVE");
    if (!status.equals("ACTIVE") && !status.equals("INACTIVE")) {
      throw JoorError.badRequest(t.where() + ": status must be ACTIVE or INACTIVE, not " + status);
    }
    var value = old.isPresent() ? old.get().value() : t.required("value", 100);
    if (old.isPresent() && t.has("value") && !t.optional("value", 100).equals(value)) {
      throw JoorError.badRequest(
          t.where() + ": a trait value cannot be renamed; create SKUs for the new value instead");
    }
    return new SkuTrait(
        value,
        t.has("external_id")
            ? t.optional("external_id", 100)
            : old.map(SkuTrait::externalId).orElse(""),
        t.integer("order_minimum", old.map(SkuTrait::orderMinimum).orElse(0)),
        status);
  }

  private static List<Identifier> identifiers(Fields f) {
    var identifiers = new ArrayList<Identifier>();
    for (var node : f.array("identifiers")) {
      var id = Fields.of(node, f.where() + ".identifiers").allowOnly(Set.of("type", "value"));
      var type = id.required("type", 10);
      if (!IDENTIFIER_TYPES.contains(type)) {
        throw JoorError.badRequest(
            f.where() + ": identifier type must be one of " + IDENTIFIER_TYPES + ", not " + type);
      }
      var value = id.required("value", 50);
      if (type.equals("upc") && !value.matches("[0-9]{8,14}")) {
        throw JoorError.badRequest(f.where() + ": UPC \"" + value + "\" must be 8 to 14 digits");
      }
      identifiers.add(new Identifier(type, value));
    }
    return identifiers;
  }

  private static boolean sameCell(Sku a, Sku b) {
    return a.productId().equals(b.productId())
        && a.color().value().equals(b.color().value())
        && a.size().value().equals(b.size().value());
  }

  private static ItemError duplicated(String message, Sku sku) {
    return new ItemError(
        "DUPLICATED",
        message,
        Map.of("product_id", sku.productId(), "external_id", sku.externalId()));
  }

  /**
   * joor.md §2.4: the full colour x size grid must be sent explicitly, or JOOR asks for the full
   * list; every new SKU of a product with a hole in its grid is refused.
   */
  private static void checkGrids(
      Account account, List<Optional<Sku>> candidates, Map<Integer, RuntimeException> refusals) {
    var byProduct = new HashMap<String, List<Sku>>();
    candidates.forEach(c ->
        c.ifPresent(s -> byProduct.computeIfAbsent(s.productId(), k -> new ArrayList<>()).add(s)));
    byProduct.forEach((productId, added) -> {
      var all = new ArrayList<>(account.catalog.skusOf(productId));
      all.addAll(added);
      var colors = new LinkedHashSet<String>();
      var sizes = new LinkedHashSet<String>();
      var cells = new HashSet<String>();
      for (var s : all) {
        colors.add(s.color().value());
        sizes.add(s.size().value());
        cells.add(s.color().value() + " / " + s.size().value());
      }
      var missing = new ArrayList<String>();
      for (var color : colors) {
        for (var size : sizes) {
          if (!cells.contains(color + " / " + size)) {
            missing.add(color + " / " + size);
          }
        }
      }
      if (missing.isEmpty()) {
        return;
      }
      var error =
          new ItemError(
              "INVALID",
              "Send the full list of colour and size combinations of product "
                  + productId
                  + " (sizes are case-sensitive); missing: "
                  + String.join(", ", missing.subList(0, Math.min(10, missing.size()))),
              Map.of("product_id", productId));
      for (int i = 0; i < candidates.size(); i++) {
        if (candidates.get(i).map(s -> s.productId().equals(productId)).orElse(false)) {
          refusals.put(i, error);
        }
      }
    });
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
                        (f, i) -> CatalogJson.sku(update(account, f, now)))
                    .envelope()));
  }

  private static Sku update(Account account, Fields f, Instant now) {
    f.allowOnly(Set.of("id", "external_id", "sku_identifier", "trait_values", "identifiers"));
    var id = f.required("id", 100);
    var old = account.catalog.skus.get(id);
    if (old == null) {
      throw JoorError.notFound("No SKU " + id);
    }
    var color = old.color();
    var size = old.size();
    for (var node : f.array("trait_values")) {
      var t =
          Fields.of(node, f.where() + ".trait_values")
              .allowOnly(Set.of("trait_id", "value", "external_id", "order_minimum", "status"));
      switch (t.required("trait_id", 100)) {
        case Catalog.COLOR -> color = trait(t, Optional.of(color));
        case Catalog.SIZE -> size = trait(t, Optional.of(size));
        default ->
            throw JoorError.badRequest(
                f.where() + ": unknown trait " + t.optional("trait_id", 100));
      }
    }
    var sku =
        new Sku(
            id,
            old.productId(),
            f.has("external_id") ? f.optional("external_id", 100) : old.externalId(),
            f.has("sku_identifier") ? f.optional("sku_identifier", 100) : old.identifier(),
            color,
            size,
            f.has("identifiers") ? identifiers(f) : old.identifiers(),
            old.created(),
            now);
    account.catalog.skus.put(id, sku);
    // A colour's or size's status belongs to the product's trait value, shared by its SKUs.
    for (var other : account.catalog.skusOf(old.productId())) {
      var otherColor =
          other.color().value().equals(color.value())
              ? withStatus(other.color(), color)
              : other.color();
      var otherSize =
          other.size().value().equals(size.value()) ? withStatus(other.size(), size) : other.size();
      account.catalog.skus.put(
          other.id(),
          new Sku(
              other.id(),
              other.productId(),
              other.externalId(),
              other.identifier(),
              otherColor,
              otherSize,
              other.identifiers(),
              other.created(),
              other.modified()));
    }
    return account.catalog.skus.get(id);
  }

  private static SkuTrait withStatus(SkuTrait trait, SkuTrait from) {
    return new SkuTrait(trait.value(), trait.externalId(), trait.orderMinimum(), from.status());
  }

  /** Filters by {@code product_ids}, {@code sku_ids} or {@code external_ids}. */
  private void list(Context ctx) {
    var account = Requests.account(ctx);
    var productIds = V4.ids(ctx, "product_ids");
    var skuIds = V4.ids(ctx, "sku_ids");
    var externalIds = V4.ids(ctx, "external_ids");
    ctx.json(
        account.locked(
            clock.instant(),
            () -> {
              var matching =
                  account.catalog.skus.values().stream()
                      .filter(s -> productIds.isEmpty() || productIds.contains(s.productId()))
                      .filter(s -> skuIds.isEmpty() || skuIds.contains(s.id()))
                      .filter(s -> externalIds.isEmpty() || externalIds.contains(s.externalId()))
                      .toList();
              return V4.envelope(
                  V4.page(ctx, matching, settings.maxPageSize()).stream()
                      .map(CatalogJson::sku)
                      .toList(),
                  List.of());
            }));
  }
}
