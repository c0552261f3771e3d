package dev.syncline.sandbox.zoey;

import dev.syncline.sandbox.common.SandboxHttp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The demo store. Its reference data agrees with the NetSuite sandbox's account 1234567_SB1
 * (subsidiaries 1 Brand US and 2 Brand EU; terms Net 30 and Net 60; locations by name), so that the
 * demo's value maps line up.
 */
final class ZoeySeed {

  /**
   * Products and the NetSuite items they stand for: the one table to align with the NetSuite seed.
   * A configurable product is a NetSuite matrix parent; its simple products are the children.
   */
  record SeedProduct(
      String sku,
      String type,
      String name,
      String price,
      String netsuiteId,
      String netsuiteType,
      int qty) {}

  static final List<SeedProduct> PRODUCTS =
      List.of(
          new SeedProduct(
              "TEE-CLASSIC", "configurable", "Classic Tee", "24.00", "100", "inventory", 0),
          new SeedProduct(
              "TEE-CLASSIC-S-BLK",
              "simple",
              "Classic Tee S Black",
              "24.00",
              "101",
              "inventory",
              120),
          new SeedProduct(
              "TEE-CLASSIC-M-BLK",
              "simple",
              "Classic Tee M Black",
              "24.00",
              "102",
              "inventory",
              80),
          new SeedProduct(
              "TEE-CLASSIC-L-BLK",
              "simple",
              "Classic Tee L Black",
              "24.00",
              "103",
              "inventory",
              40),
          new SeedProduct(
              "GIFT-BOX-DELUXE", "simple", "Deluxe Gift Box", "89.00", "110", "assembly", 15),
          new SeedProduct(
              "TOTE-CANVAS", "simple", "Canvas Tote", "18.00", "120", "inventory", 300));

  /** Customer groups; the demo's value maps turn NetSuite price levels into these. */
  static final List<String> GROUPS = List.of("Wholesale", "Distributor", "Retail");

  private ZoeySeed() {}

  static void apply(ZoeyData data) {
    data.locked(() -> {
      GROUPS.forEach(data.accounts::addGroup);
      for (var p : PRODUCTS) {
        var body =
            json(
                """
                {"sku":"%s","type_id":"%s","name":"%s","price":"%s","netsuite_product_id":"%s",
                 "netsuite_product_type":"%s","qty":%d}\
                """
                    .formatted(
                        p.sku(),
                        p.type(),
                        p.name(),
                        p.price(),
                        p.netsuiteId(),
                        p.netsuiteType(),
                        p.qty()));
        data.catalog.addProduct(body);
      }
      var skus = new HashMap<String, String>();
      data.catalog
          .products
          .rows()
          .forEach(r -> skus.put(r.path("sku").asString(), r.path("entity_id").asString()));
      for (var tee : List.of("TEE-CLASSIC-S-BLK", "TEE-CLASSIC-M-BLK", "TEE-CLASSIC-L-BLK")) {
        data.catalog.updateProduct(
            skus.get(tee),
            json(
                """
                {"group_price":[{"cust_group":"1","price":"12.00"},{"cust_group":"2","price":"10.00"}]}\
                """));
      }
      var accounts = seedAccounts(data);
      data.catalog.putAccountPrice(
          json(
              """
              {"account_id":"%s","sku":"TOTE-CANVAS","price":"15.00"}\
              """
                  .formatted(accounts.get("acme"))));
      seedOrders(data);
      return true;
    });
  }

  private static Map<String, String> seedAccounts(ZoeyData data) {
    var ids = new HashMap<String, String>();
    // Acme and Northwind carry the ids of demo customers 5 and 12 (Brand US, opted in to Zoey
    // only),
    // so Syncline links rather than duplicates them, and their first sync shows the masters at
    // work.
    ids.put(
        "acme",
        data.accounts
            .createAccount(
                json(
                    """
                    {"name":"Acme Boutique","customer_group_id":"1","sales_rep":"Dana Reyes",
                     "net_terms":{"enabled":true,"days":30},"credit_limit":"25000",
                     "netsuite_customer_id":"5","netsuite_subsidiary_id":"1","netsuite_location_name":"Main Warehouse",
                     "locations":[{"name":"Acme Downtown","addresses":[{"firstname":"Olivia","lastname":"Park",
                       "company":"Acme Boutique","street":["12 Market St"],"city":"San Francisco","region":"CA",
                       "postcode":"94103","country_id":"US","telephone":"415-555-0101"}]}],
                     "bill_to_addresses":[{"company":"Acme Boutique","street":["PO Box 880"],"city":"San Francisco",
                       "region":"CA","postcode":"94104","country_id":"US"}]}\
                    """))
            .path("entity_id")
            .asString());
    ids.put(
        "northwind",
        data.accounts
            .createAccount(
                json(
                    """
                    {"name":"Northwind Distribution","customer_group_id":"2","sales_rep":"Lee Chen",
                     "net_terms":{"enabled":true,"days":60},"credit_limit":"100000",
                     "netsuite_customer_id":"12","netsuite_subsidiary_id":"1","netsuite_location_name":"East Coast 3PL",
                     "locations":[
                       {"name":"Northwind DC East","addresses":[{"company":"Northwind Distribution","street":["400 Harbor Rd"],
                         "city":"Newark","region":"NJ","postcode":"07114","country_id":"US"}]},
                       {"name":"Northwind DC West","addresses":[{"company":"Northwind Distribution","street":["77 Port Way"],
                         "city":"Oakland","region":"CA","postcode":"94607","country_id":"US"}]}],
                     "bill_to_addresses":[{"company":"Northwind Distribution","street":["1 Finance Plaza"],"city":"Newark",
                       "region":"NJ","postcode":"07102","country_id":"US"}]}\
                    """))
            .path("entity_id")
            .asString());
    // Bluebird and Maison have no NetSuite customer yet: Syncline creates them there.
    ids.put(
        "bluebird",
        data.accounts
            .createAccount(
                json(
                    """
                    {"name":"Bluebird Gifts","customer_group_id":"3",
                     "locations":[{"name":"Bluebird Shop","addresses":[{"company":"Bluebird Gifts","street":["5 Elm St"],
                       "city":"Portland","region":"OR","postcode":"97204","country_id":"US"}]}],
                     "bill_to_addresses":[{"company":"Bluebird Gifts","street":["5 Elm St"],"city":"Portland","region":"OR",
                       "postcode":"97204","country_id":"US"}]}\
                    """))
            .path("entity_id")
            .asString());
    ids.put(
        "maison",
        data.accounts
            .createAccount(
                json(
                    """
                    {"name":"Maison Lumière","customer_group_id":"1","netsuite_subsidiary_id":"2",
                     "netsuite_location_name":"EU Warehouse",
                     "net_terms":{"enabled":true,"days":30,"discount_days":10,"discount_percent":2},"credit_limit":"40000",
                     "locations":[{"name":"Paris Atelier","addresses":[{"company":"Maison Lumière","street":["18 Rue Oberkampf"],
                       "city":"Paris","postcode":"75011","country_id":"FR"}]}],
                     "bill_to_addresses":[{"company":"Maison Lumière","street":["18 Rue Oberkampf"],"city":"Paris",
                       "postcode":"75011","country_id":"FR"}]}\
                    """))
            .path("entity_id")
            .asString());
    // Named as demo customer 19 and without its id: linked by name. Two named as customer 24: a
    // choice for a person, never a guess.
    for (var name : List.of("Zephyr Supply Co 19", "Saffron Boutique 24", "Saffron Boutique 24")) {
      data.accounts.createAccount(
          json(
              """
              {"name":"%s","customer_group_id":"1",
               "bill_to_addresses":[{"company":"%s","street":["1 Main St"],"city":"Denver",
                 "region":"CO","postcode":"80202","country_id":"US"}]}\
              """
                  .formatted(name, name)));
    }
    contact(data, ids.get("acme"), "olivia@acmeboutique.example", "Olivia", "Park", "main");
    contact(data, ids.get("acme"), "sam@acmeboutique.example", "Sam", "Ortiz", "additional");
    contact(data, ids.get("northwind"), "buyer@northwind.example", "Priya", "Nair", "main");
    contact(data, ids.get("bluebird"), "hello@bluebirdgifts.example", "Ruth", "Adams", "main");
    contact(data, ids.get("maison"), "achats@maisonlumiere.example", "Camille", "Roux", "main");
    return ids;
  }

  private static void seedOrders(ZoeyData data) {
    var sales = data.sales;
    // 100000001: a purchase order waiting in Pending.
    order(
        data,
        "olivia@acmeboutique.example",
        "purchaseorder",
        "PO-4471",
        "[{\"sku\":\"TEE-CLASSIC-M-BLK\",\"qty\":24},{\"sku\":\"TOTE-CANVAS\",\"qty\":12}]");
    // 100000002: net terms, invoiced, paid and shipped: Complete.
    var complete =
        order(
            data,
            "buyer@northwind.example",
            "netterms",
            "",
            "[{\"sku\":\"TEE-CLASSIC-L-BLK\",\"qty\":10}]");
    var invoice =
        sales.createInvoice(json("{\"order_id\":\"%s\",\"send_email\":true}".formatted(complete)));
    sales.createPayment(
        json(
            """
            {"method":"checkmo","amount":"%s","reference":"CHK 1042",
             "applications":[{"invoice_id":"%s","amount":"%s"}]}\
            """
                .formatted(
                    invoice.path("grand_total").asString(),
                    invoice.path("entity_id").asString(),
                    invoice.path("grand_total").asString())));
    sales.createShipment(
        json(
            """
            {"order_id":"%s","tracks":[{"carrier_code":"ups","title":"UPS Ground","number":"1Z999AA10123456784"}]}\
            """
                .formatted(complete)));
    // 100000003: card, paid at checkout: Processing.
    order(
        data,
        "hello@bluebirdgifts.example",
        "stripe",
        "",
        "[{\"sku\":\"GIFT-BOX-DELUXE\",\"qty\":2}]");
    // 100000004: a guest paying by card.
    sales.placeOrder(
        json(
            """
            {"guest":{"email":"jamie@example.com","firstname":"Jamie","lastname":"Fox"},"payment_method":"stripe",
             "items":[{"sku":"TOTE-CANVAS","qty":3}],
             "billing_address":{"firstname":"Jamie","lastname":"Fox","street":["9 Pine Ave"],"city":"Austin",
               "region":"TX","postcode":"78701","country_id":"US"},
             "shipping_address":{"firstname":"Jamie","lastname":"Fox","street":["9 Pine Ave"],"city":"Austin",
               "region":"TX","postcode":"78701","country_id":"US"}}\
            """));
    // 100000005, edited by an admin into 100000005-1.
    var edited =
        order(
            data,
            "sam@acmeboutique.example",
            "checkmo",
            "",
            "[{\"sku\":\"TEE-CLASSIC-S-BLK\",\"qty\":6}]");
    sales.editOrder(edited, json("{\"items\":[{\"sku\":\"TEE-CLASSIC-S-BLK\",\"qty\":8}]}"));
    // 100000006: cancelled before anything happened.
    var cancelled =
        order(
            data,
            "achats@maisonlumiere.example",
            "purchaseorder",
            "PO-77",
            "[{\"sku\":\"TOTE-CANVAS\",\"qty\":20}]");
    sales.cancelOrder(cancelled);
  }

  private static void contact(
      ZoeyData data, String account, String email, String first, String last, String role) {
    data.accounts.createContact(
        json(
            """
            {"account_id":"%s","email":"%s","firstname":"%s","lastname":"%s","account_role":"%s"}\
            """
                .formatted(account, email, first, last, role)));
  }

  private static String order(ZoeyData data, String email, String method, String po, String items) {
    var customer = data.accounts.contactByEmail(email).orElseThrow().path("entity_id").asString();
    return data.sales
        .placeOrder(
            json(
                """
                {"customer_id":"%s","payment_method":"%s","po_number":"%s","items":%s}\
                """
                    .formatted(customer, method, po, items)))
        .path("entity_id")
        .asString();
  }

  private static JsonNode json(String text) {
    return SandboxHttp.JSON.readTree(text);
  }
}
