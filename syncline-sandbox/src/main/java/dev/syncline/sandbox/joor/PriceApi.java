package dev.syncline.sandbox.joor;

import dev.syncline.sandbox.common.SandboxClock;
import dev.syncline.sandbox.joor.BulkItems.ItemError;
import dev.syncline.sandbox.joor.Catalog.Price;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** v4 price types and SKU prices, with DUPLICATED for a second create (joor.md §2.2, §2.5). */
final class PriceApi {

  private final SandboxClock clock;
  private final JoorSandboxSettings settings;

  PriceApi(SandboxClock clock, JoorSandboxSettings settings) {
    this.clock = clock;
    this.settings = settings;
  }

  void routes(RoutesConfig routes) {
    routes.get("/v4/price_types", this::priceTypes);
    routes.post("/v4/prices/bulk_create", this::create);
    routes.post("/v4/prices/bulk_update", this::update);
    routes.get("/v4/prices", this::list);
  }

  private void priceTypes(Context ctx) {
    var account = Requests.account(ctx);
    ctx.json(
        account.locked(
            clock.instant(),
            () ->
                V4.envelope(
                    account.catalog.priceTypes.values().stream()
                        .map(CatalogJson::priceType)
                        .toList(),
                    List.of())));
  }

  private void create(Context ctx) {
    var account = Requests.account(ctx);
    var items = V4.items(ctx, settings.maxBulkRecords());
    ctx.json(
        account.locked(
            clock.instant(),
            () -> {
              var seen = new HashSet<String>();
              return BulkItems.each(
                      items,
                      item -> BulkItems.key(item, "sku_id", "price_type_id"),
                      (f, i) -> {
                        f.allowOnly(
                            Set.of("sku_id", "price_type_id", "wholesale_value", "retail_value"));
                        var skuId = f.required("sku_id", 100);
                        var typeId = f.required("price_type_id", 100);
                        if (!account.catalog.skus.containsKey(skuId)) {
                          throw JoorError.notFound("No SKU " + skuId);
                        }
                        if (!account.catalog.priceTypes.containsKey(typeId)) {
                          throw JoorError.notFound("No price type " + typeId);
                        }
                        if (!seen.add(skuId + "|" + typeId)
                            || account.catalog.price(skuId, typeId).isPresent()) {
                          // joor.md §1.4: a second create for a SKU and price type is DUPLICATED.
                          throw new ItemError(
                              "DUPLICATED",
                              "SKU " + skuId + " already has a price for price type " + typeId,
                              Map.of("sku_id", skuId, "price_type_id", typeId));
                        }
                        var price =
                            new Price(
                                account.ids.price(),
                                skuId,
                                typeId,
                                f.requiredAmount("wholesale_value"),
                                f.amount("retail_value"));
                        account.catalog.prices.put(price.id(), price);
                        return CatalogJson.price(price, account.catalog);
                      })
                  .envelope();
            }));
  }

  private void update(Context ctx) {
    var account = Requests.account(ctx);
    var items = V4.items(ctx, settings.maxBulkRecords());
    ctx.json(
        account.locked(
            clock.instant(),
            () ->
                BulkItems.each(
                        items,
                        item -> BulkItems.key(item, "id"),
                        (f, i) -> {
                          f.allowOnly(Set.of("id", "wholesale_value", "retail_value"));
                          var id = f.required("id", 100);
                          var old = account.catalog.prices.get(id);
                          if (old == null) {
                            throw JoorError.notFound("No price " + id);
                          }
                          var price =
                              new Price(
                                  id,
                                  old.skuId(),
                                  old.priceTypeId(),
                                  f.amount("wholesale_value").orElse(old.wholesale()),
                                  f.has("retail_value") ? f.amount("retail_value") : old.retail());
                          account.catalog.prices.put(id, price);
                          return CatalogJson.price(price, account.catalog);
                        })
                    .envelope()));
  }

  /** {@code GET /prices?sku_ids=} (joor.md §2.5), optionally narrowed by {@code price_type_ids}. */
  private void list(Context ctx) {
    var account = Requests.account(ctx);
    var skuIds = V4.ids(ctx, "sku_ids");
    var typeIds = V4.ids(ctx, "price_type_ids");
    ctx.json(
        account.locked(
            clock.instant(),
            () -> {
              var matching =
                  account.catalog.prices.values().stream()
                      .filter(p -> skuIds.isEmpty() || skuIds.contains(p.skuId()))
                      .filter(p -> typeIds.isEmpty() || typeIds.contains(p.priceTypeId()))
                      .toList();
              return V4.envelope(
                  V4.page(ctx, matching, settings.maxPageSize()).stream()
                      .map(p -> CatalogJson.price(p, account.catalog))
                      .toList(),
                  List.of());
            }));
  }
}
