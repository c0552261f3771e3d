package dev.syncline.sandbox.netsuite;

import dev.syncline.sandbox.common.SandboxHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The demo's NetSuite data, the same on every run: reference data the JOOR and Zoey sandboxes agree
 * with (subsidiaries, currencies, terms, price levels, locations), the channel custom fields, items
 * with a matrix and an assembly (ids, SKUs and UPCs fixed, listed in docs/sandboxes.md), and a few
 * hundred customers, most opting in to JOOR or Zoey, some broken the way real users break them.
 */
public final class DemoData {

  /** The custom list behind {@code custentity_syncline_channels}. */
  public static final Map<String, String> CHANNELS = Map.of("1", "JOOR", "2", "Zoey");

  /** A fixed demo item: internal id, SKU (itemId), UPC, display name, base price in USD. */
  public record Item(
      long id, String itemId, String upcCode, String displayName, double basePrice) {}

  /** The matrix parent, its six children, five standalone items, then the assembly. */
  public static final List<Item> ITEMS =
      List.of(
          item(1001, "TEE-CLASSIC", "Classic Tee", 24),
          item(1002, "TEE-CLASSIC-BLK-S", "Classic Tee Black S", 24),
          item(1003, "TEE-CLASSIC-BLK-M", "Classic Tee Black M", 24),
          item(1004, "TEE-CLASSIC-BLK-L", "Classic Tee Black L", 24),
          item(1005, "TEE-CLASSIC-WHT-S", "Classic Tee White S", 24),
          item(1006, "TEE-CLASSIC-WHT-M", "Classic Tee White M", 24),
          item(1007, "TEE-CLASSIC-WHT-L", "Classic Tee White L", 24),
          item(1010, "HOODIE-ZIP-GRY", "Zip Hoodie Grey", 68),
          item(1011, "CAP-LOGO-NVY", "Logo Cap Navy", 28),
          item(1012, "TOTE-CANVAS", "Canvas Tote", 22),
          item(1013, "SOCKS-CREW-3PK", "Crew Socks 3-Pack", 18),
          item(1014, "BEANIE-KNIT-BLK", "Knit Beanie Black", 26),
          item(1020, "GIFT-BOX-SET", "Gift Box Set", 64));

  /** How many customers the demo seed makes. */
  public static final int CUSTOMERS = 300;

  private DemoData() {}

  /** Fills an empty account. */
  public static void seed(NetSuiteAccount account) {
    referenceData(account);
    items(account);
    var customers = account.createAll("customer", customers(CUSTOMERS, 2, 20260101L));
    var random = new Random(7);
    var contacts = new ArrayList<ObjectNode>();
    for (int i = 0; i < customers.size(); i += 3) {
      var first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
      var last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
      var contact = object().put("firstName", first).put("lastName", last);
      // Numbered, since the names repeat and a store keeps one contact per email (zoey.md §2.1).
      contact.put(
          "email",
          (first + "." + last + "." + i + "@example.com").toLowerCase(java.util.Locale.ROOT));
      contact.set("company", ref(customers.get(i)));
      contacts.add(contact);
    }
    account.createAll("contact", contacts);
  }

  /** Subsidiaries, currencies, terms, price levels, locations and the channel custom fields. */
  public static void referenceData(NetSuiteAccount account) {
    account.createAll(
        "currency",
        List.of(
            object()
                .put("id", 1)
                .put("name", "USD")
                .put("symbol", "USD")
                .put("isBaseCurrency", true)
                .put("exchangeRate", 1.0),
            object()
                .put("id", 2)
                .put("name", "EUR")
                .put("symbol", "EUR")
                .put("isBaseCurrency", false)
                .put("exchangeRate", 1.08)));
    var us = object().put("id", 1).put("name", "Brand US");
    us.set("currency", ref(1));
    us.set("country", object().put("id", "US"));
    var eu = object().put("id", 2).put("name", "Brand EU");
    eu.set("currency", ref(2));
    eu.set("country", object().put("id", "NL"));
    account.createAll("subsidiary", List.of(us, eu));
    account.createAll(
        "term",
        List.of(
            object().put("id", 1).put("name", "Net 30").put("daysUntilNetDue", 30),
            object().put("id", 2).put("name", "Net 60").put("daysUntilNetDue", 60),
            object().put("id", 3).put("name", "Due on Receipt").put("daysUntilNetDue", 0),
            object().put("id", 4).put("name", "Prepaid").put("daysUntilNetDue", 0)));
    account.createAll(
        "priceLevel",
        List.of(
            object().put("id", 1).put("name", "Base Price").put("discountPct", 0.0),
            object().put("id", 2).put("name", "Wholesale").put("discountPct", -50.0),
            object().put("id", 3).put("name", "Distributor").put("discountPct", -60.0)));
    account.createAll(
        "location",
        List.of(
            location(1, "Main Warehouse", 1),
            location(2, "East Coast 3PL", 1),
            location(3, "EU Warehouse", 2)));
    account.defineCustomField(
        new CustomField("custentity_syncline_channels", CustomField.Type.MULTISELECT, CHANNELS));
    for (var channel : List.of("joor", "zoey")) {
      account.defineCustomField(
          CustomField.of("custentity_syncline_" + channel + "_status", CustomField.Type.TEXT));
      account.defineCustomField(
          CustomField.of("custentity_syncline_" + channel + "_message", CustomField.Type.TEXT));
      account.defineCustomField(
          CustomField.of(
              "custentity_syncline_" + channel + "_synced_at", CustomField.Type.DATETIME));
    }
  }

  private static void items(NetSuiteAccount account) {
    var inventory = new ArrayList<ObjectNode>();
    for (var item : ITEMS) {
      if (item.itemId().equals("GIFT-BOX-SET")) {
        continue;
      }
      var body = itemBody(item);
      if (item.itemId().equals("TEE-CLASSIC")) {
        body.set("matrixType", object().put("id", "PARENT"));
      } else if (item.itemId().startsWith("TEE-CLASSIC-")) {
        body.set("matrixType", object().put("id", "CHILD"));
        body.set("parent", ref(1001));
      }
      inventory.add(body);
    }
    // The matrix parent first, since its children name it.
    account.createAll("inventoryItem", inventory.subList(0, 1));
    account.createAll("inventoryItem", inventory.subList(1, inventory.size()));
    var box = itemBody(ITEMS.getLast());
    var members = box.putObject("member").putArray("items");
    for (var member : List.of(1002L, 1011L, 1013L)) {
      members.addObject().put("quantity", "1").set("item", ref(member));
    }
    account.createAll("assemblyItem", List.of(box));
  }

  private static ObjectNode itemBody(Item item) {
    var body =
        object()
            .put("id", item.id())
            .put("itemId", item.itemId())
            .put("displayName", item.displayName());
    body.put("upcCode", item.upcCode());
    var prices = body.putObject("price").putArray("items");
    // Wholesale and Distributor follow their price levels' discounts; EUR at the demo rate.
    for (var currency : List.of(1L, 2L)) {
      var rate = currency == 1 ? 1.0 : 0.93;
      addPrice(prices, 1, currency, item.basePrice() * rate);
      addPrice(prices, 2, currency, item.basePrice() * rate * 0.5);
      addPrice(prices, 3, currency, item.basePrice() * rate * 0.4);
    }
    if (!item.itemId().equals("TEE-CLASSIC")) {
      var stock = body.putObject("locations").putArray("items");
      var onHand = 40 + (int) (item.id() % 7) * 25;
      for (var location : List.of(1L, 2L, 3L)) {
        var line =
            stock.addObject().put("quantityOnHand", onHand / location).put("quantityCommitted", 0);
        line.set("location", ref(location));
      }
    }
    return body;
  }

  private static void addPrice(ArrayNode prices, long level, long currency, double price) {
    var line = prices.addObject().put("price", Math.round(price * 100) / 100.0);
    line.set("priceLevel", ref(level));
    line.set("currencyPage", ref(currency));
  }

  /**
   * Customer bodies for seeds and benchmarks, the same for the same seed: spread over both
   * subsidiaries, most opting in to JOOR, Zoey or both, each with {@code addressesEach} labelled
   * addresses. Among the demo's first ones are the broken kinds the channels refuse: an address
   * without a label, one without a city, a customer without a price level.
   */
  public static List<ObjectNode> customers(int count, int addressesEach, long seed) {
    var random = new Random(seed);
    var out = new ArrayList<ObjectNode>(count);
    for (int i = 0; i < count; i++) {
      var us = random.nextInt(10) < 7;
      var name =
          COMPANY_WORDS[random.nextInt(COMPANY_WORDS.length)]
              + " "
              + COMPANY_KINDS[random.nextInt(COMPANY_KINDS.length)];
      var company = name + " " + (i + 1);
      var customer =
          object().put("companyName", company).put("entityId", String.format("CUS-%05d", i + 1));
      customer.put(
          "email",
          "buyer"
              + (i + 1)
              + "@"
              + name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-')
              + ".example");
      customer.put(
          "phone", String.format("+1 555 %03d %04d", random.nextInt(1000), random.nextInt(10_000)));
      customer.set("subsidiary", ref(us ? 1 : 2));
      customer.set("currency", ref(us ? 1 : 2));
      customer.set("terms", ref(1 + random.nextInt(4)));
      var brokenPriceLevel = i == 2;
      if (!brokenPriceLevel) {
        customer.set("priceLevel", ref(random.nextInt(4) == 0 ? 3 : 2));
      }
      var channels = random.nextInt(10);
      var chosen = customer.putObject("custentity_syncline_channels").putArray("items");
      if (channels < 4) {
        chosen.addObject().put("id", "1");
      } else if (channels < 7) {
        chosen.addObject().put("id", "2");
      } else if (channels < 9) {
        chosen.addObject().put("id", "1");
        chosen.addObject().put("id", "2");
      }
      var book = customer.putObject("addressBook").putArray("items");
      for (int a = 0; a < addressesEach; a++) {
        var line = book.addObject();
        var noLabel = i == 0 && a == 0;
        if (!noLabel) {
          line.put("label", a == 0 ? "Main" : "Warehouse " + a);
        }
        line.put("defaultBilling", a == 0).put("defaultShipping", a == addressesEach - 1);
        var address = line.putObject("addressBookAddress");
        address.put("addressee", company);
        address.put(
            "addr1", (100 + random.nextInt(9900)) + " " + STREETS[random.nextInt(STREETS.length)]);
        var noCity = i == 1 && a == 0;
        var city =
            us
                ? US_CITIES[random.nextInt(US_CITIES.length)]
                : EU_CITIES[random.nextInt(EU_CITIES.length)];
        if (!noCity) {
          address.put("city", city[0]);
        }
        if (us) {
          address.put("state", city[1]);
        }
        address.put("zip", city[2]);
        address.set("country", object().put("id", us ? "US" : city[1]));
      }
      out.add(customer);
    }
    return out;
  }

  private static ObjectNode location(long id, String name, long subsidiary) {
    var location = object().put("id", id).put("name", name);
    location.putObject("subsidiary").putArray("items").add(ref(subsidiary));
    return location;
  }

  private static Item item(long id, String itemId, String displayName, double basePrice) {
    return new Item(id, itemId, upc(id), displayName, basePrice);
  }

  /** A UPC-A with its check digit, from the item's internal id. */
  private static String upc(long id) {
    var digits = String.format("08500%06d", id);
    int sum = 0;
    for (int i = 0; i < 11; i++) {
      sum += (digits.charAt(i) - '0') * (i % 2 == 0 ? 3 : 1);
    }
    return digits + (10 - sum % 10) % 10;
  }

  private static ObjectNode object() {
    return SandboxHttp.JSON.createObjectNode();
  }

  private static ObjectNode ref(long id) {
    return object().put("id", Long.toString(id));
  }

  private static final String[] COMPANY_WORDS = {
    "Harbor", "Maple", "Summit", "Cedar", "Atlas", "Juniper", "Beacon", "Willow", "Granite",
        "Aurora",
    "Copper", "Meadow", "Orchid", "Pioneer", "Riverside", "Saffron", "Tundra", "Velvet", "Zephyr",
        "Linden"
  };
  private static final String[] COMPANY_KINDS = {
    "Boutique", "Outfitters", "Goods", "Supply Co", "Apparel", "Trading", "Mercantile", "Collective"
  };
  private static final String[] STREETS = {
    "Main St", "Oak Ave", "Market St", "Harbor Rd", "Elm St", "Mill Ln", "Station Rd", "Park Pl"
  };
  private static final String[][] US_CITIES = {
    {"Portland", "OR", "97205"}, {"Austin", "TX", "78701"}, {"Brooklyn", "NY", "11201"},
    {"Denver", "CO", "80202"}, {"Chicago", "IL", "60607"}, {"Savannah", "GA", "31401"}
  };
  private static final String[][] EU_CITIES = {
    {"Amsterdam", "NL", "1012 AB"},
    {"Berlin", "DE", "10115"},
    {"Paris", "FR", "75002"},
    {"Milan", "IT", "20121"},
    {"Copenhagen", "DK", "1050"}
  };
  private static final String[] FIRST_NAMES = {
    "Ava", "Ben", "Chloe", "Daniel", "Emma", "Finn", "Grace", "Hugo"
  };
  private static final String[] LAST_NAMES = {
    "Meyer", "Okafor", "Rossi", "Larsen", "Nguyen", "Silva", "Walsh"
  };
}
