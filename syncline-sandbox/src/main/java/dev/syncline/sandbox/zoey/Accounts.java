package dev.syncline.sandbox.zoey;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * B2B accounts with their locations, ship-to and bill-to addresses; contacts (the people who sign
 * in); customer groups. zoey.md §2.1 gives the 2023 model: an Account has Locations, a Ship To
 * address belongs to exactly one Location, Bill To addresses are global by default, Contacts belong
 * to one Account with Main or Additional role and per-location access.
 */
final class Accounts {

  // zoey.md §2.1: fields of Create Account; §3.3: the Account's NetSuite tab.
  static final Set<String> ACCOUNT_FIELDS =
      Set.of(
          "entity_id",
          "name",
          "status",
          "customer_group_id",
          "sales_rep",
          "credit_limit",
          "netsuite_customer_id",
          "netsuite_subsidiary_id",
          "netsuite_location_name",
          "created_at",
          "updated_at");
  static final Set<String> CONTACT_FIELDS =
      Set.of(
          "entity_id",
          "email",
          "firstname",
          "lastname",
          "account_id",
          "account_role",
          "group_id",
          "created_at",
          "updated_at");

  // zoey.md §2.3: the Net Terms Zoey offers.
  private static final Set<Integer> NET_DAYS = Set.of(10, 15, 20, 30, 60, 90, 120);
  // zoey.md §2.1: "Unassigned" holds ship-to addresses that belong to no location.
  static final String UNASSIGNED = "Unassigned";

  final Table accounts = new Table("entity_id");
  final Table contacts = new Table("entity_id");
  final Table groups = new Table("customer_group_id");
  private final Supplier<java.time.Instant> now;
  private final Outbox outbox;
  private final Supplier<ZoeySettings> settings;
  private long lastNestedId;

  Accounts(Supplier<java.time.Instant> now, Outbox outbox, Supplier<ZoeySettings> settings) {
    this.now = now;
    this.outbox = outbox;
    this.settings = settings;
  }

  ObjectNode addGroup(String code) {
    var row = Wire.object();
    row.put("customer_group_code", code);
    // zoey.md §5.2: M1 customer groups carry a tax class; 3 is M1's "Retail Customer" class.
    row.put("tax_class_id", "3");
    var stored = groups.insert(row, now.get());
    stored.remove("created_at");
    stored.remove("updated_at");
    return stored;
  }

  ObjectNode createAccount(JsonNode body) {
    requireObject(body);
    var row = Wire.object();
    row.put("name", Wire.text(body, "name"));
    row.put("status", "enabled");
    row.put("customer_group_id", "");
    row.putNull("sales_rep");
    row.set("net_terms", netTerms(Wire.object()));
    row.put("credit_limit", Wire.decimal(BigDecimal.ZERO));
    row.putNull("netsuite_customer_id");
    row.putNull("netsuite_subsidiary_id");
    row.putNull("netsuite_location_name");
    applyAccountFields(row, body);
    if (row.path("customer_group_id").asString().isEmpty()) {
      throw ApiError.emptyValue("customer_group_id");
    }
    var locations = Wire.array();
    for (var location : Wire.elements(body.path("locations"))) {
      var created = newLocation(Wire.text(location, "name"));
      for (var address : Wire.elements(location.path("addresses"))) {
        ((ArrayNode) created.get("addresses")).add(address(address));
      }
      locations.add(created);
    }
    row.set("locations", locations);
    var billTos = Wire.array();
    for (var address : Wire.elements(body.path("bill_to_addresses"))) {
      billTos.add(billTo(address, locations));
    }
    row.set("bill_to_addresses", billTos);
    return accounts.insert(row, now.get());
  }

  ObjectNode updateAccount(String id, JsonNode body) {
    requireObject(body);
    var row = accounts.get(id);
    for (var nested : List.of("locations", "bill_to_addresses")) {
      if (body.has(nested)) {
        throw ApiError.badRequest(
            "\""
                + nested
                + "\" cannot be changed by updating the account; use its locations, shipToAddresses"
                + " and billToAddresses resources.");
      }
    }
    var changed = row.deepCopy();
    applyAccountFields(changed, body);
    row.setAll(changed);
    accounts.touch(row, now.get());
    return row;
  }

  ObjectNode addLocation(String accountId, JsonNode body) {
    requireObject(body);
    var account = accounts.get(accountId);
    var location = newLocation(Wire.text(body, "name"));
    ((ArrayNode) account.get("locations")).add(location);
    accounts.touch(account, now.get());
    return location;
  }

  ObjectNode renameLocation(String accountId, String locationId, JsonNode body) {
    requireObject(body);
    var account = accounts.get(accountId);
    var location = location(account, locationId);
    location.put("name", Wire.text(body, "name"));
    accounts.touch(account, now.get());
    return location;
  }

  /** zoey.md §2.1: a ship-to without a location goes to the location named "Unassigned". */
  ObjectNode addShipTo(String accountId, JsonNode body) {
    requireObject(body);
    var account = accounts.get(accountId);
    var locationId = Wire.textOr(body, "location_id", "");
    var location = locationId.isEmpty() ? unassigned(account) : location(account, locationId);
    var address = address(body);
    ((ArrayNode) location.get("addresses")).add(address);
    accounts.touch(account, now.get());
    return address;
  }

  ObjectNode addBillTo(String accountId, JsonNode body) {
    requireObject(body);
    var account = accounts.get(accountId);
    var address = billTo(body, (ArrayNode) account.get("locations"));
    ((ArrayNode) account.get("bill_to_addresses")).add(address);
    accounts.touch(account, now.get());
    return address;
  }

  ObjectNode updateAddress(String accountId, String addressId, JsonNode body) {
    requireObject(body);
    var account = accounts.get(accountId);
    var address = findAddress(account, addressId).orElseThrow(ApiError::notFound);
    var changed = address(merged(address, body));
    changed.put("address_id", addressId);
    if (address.has("is_global")) {
      changed.setAll(billToScope(merged(address, body), (ArrayNode) account.get("locations")));
    }
    address.removeAll();
    address.setAll(changed);
    accounts.touch(account, now.get());
    return address;
  }

  void removeAddress(String accountId, String addressId) {
    var account = accounts.get(accountId);
    var lists = new ArrayList<ArrayNode>();
    lists.add((ArrayNode) account.get("bill_to_addresses"));
    account.get("locations").forEach(l -> lists.add((ArrayNode) l.get("addresses")));
    for (var list : lists) {
      for (var i = 0; i < list.size(); i++) {
        if (list.get(i).path("address_id").asString().equals(addressId)) {
          list.remove(i);
          accounts.touch(account, now.get());
          return;
        }
      }
    }
    throw ApiError.notFound();
  }

  ObjectNode createContact(JsonNode body) {
    requireObject(body);
    if (!settings.get().contactCreateAllowed()) {
      // zoey.md §4.4: stock M1 grants admins no create on customers.
      throw new ApiError(405, ApiError.METHOD_NOT_ALLOWED);
    }
    var email = email(Wire.text(body, "email"));
    var account = accounts.get(Wire.text(body, "account_id"));
    var row = Wire.object();
    row.put("email", email);
    row.put("firstname", Wire.text(body, "firstname"));
    row.put("lastname", Wire.text(body, "lastname"));
    row.put("account_id", account.path("entity_id").asString());
    // zoey.md §2.1: invited customers get the Account's default Customer Group.
    row.put("group_id", account.path("customer_group_id").asString());
    row.put("website_id", "1");
    row.put("account_role", "additional");
    row.set("location_access", Wire.array());
    applyContactFields(row, body, account);
    var created = contacts.insert(row, now.get());
    if (Wire.flag(body, "send_invite_email")) {
      // zoey.md §3.3: "Send Invitation Email when Customer is Created" sends New Account
      // Confirmation.
      outbox.send(
          now.get(),
          "new_account_confirmation",
          email,
          "Welcome, " + row.path("firstname").asString() + ": your account is ready",
          created.path("entity_id").asString());
    }
    return created;
  }

  ObjectNode updateContact(String id, JsonNode body) {
    requireObject(body);
    var row = contacts.get(id);
    var changed = row.deepCopy();
    if (body.has("email")) {
      var email = email(Wire.text(body, "email"));
      if (!email.equalsIgnoreCase(row.path("email").asString())) {
        changed.put("email", email);
      }
    }
    for (var field : List.of("firstname", "lastname")) {
      if (body.has(field)) {
        changed.put(field, Wire.text(body, field));
      }
    }
    var account = accounts.get(changed.path("account_id").asString());
    if (body.has("account_id")) {
      account = accounts.get(Wire.text(body, "account_id"));
      changed.put("account_id", account.path("entity_id").asString());
      changed.set("location_access", Wire.array());
    }
    applyContactFields(changed, body, account);
    row.setAll(changed);
    contacts.touch(row, now.get());
    return row;
  }

  Optional<ObjectNode> contactByEmail(String email) {
    return contacts.rows().stream()
        .filter(c -> c.path("email").asString().equalsIgnoreCase(email))
        .findFirst();
  }

  void clear() {
    accounts.clear();
    contacts.clear();
    groups.clear();
    lastNestedId = 0;
  }

  private void applyAccountFields(ObjectNode row, JsonNode body) {
    if (body.has("name")) {
      row.put("name", Wire.text(body, "name"));
    }
    if (body.has("status")) {
      // zoey.md §2.1: Status is Enabled or Disabled.
      var status = Wire.text(body, "status");
      if (!status.equals("enabled") && !status.equals("disabled")) {
        throw ApiError.badRequest(
            "Invalid value for \"status\": \"" + status + "\"; use \"enabled\" or \"disabled\".");
      }
      row.put("status", status);
    }
    if (body.has("customer_group_id")) {
      var group = Wire.text(body, "customer_group_id");
      if (groups.find(group).isEmpty()) {
        throw ApiError.badRequest(
            "Invalid value for \"customer_group_id\": no customer group has id " + group + ".");
      }
      row.put("customer_group_id", group);
    }
    if (body.has("credit_limit")) {
      var limit = Wire.number(body, "credit_limit");
      if (limit.signum() < 0) {
        throw ApiError.badRequest("Invalid value for \"credit_limit\": it cannot be negative.");
      }
      row.put("credit_limit", Wire.decimal(limit));
    }
    for (var field :
        List.of(
            "sales_rep",
            "netsuite_customer_id",
            "netsuite_subsidiary_id",
            "netsuite_location_name")) {
      if (body.has(field)) {
        var value = Wire.textOr(body, field, "");
        if (value.isEmpty()) {
          row.putNull(field);
        } else {
          row.put(field, value);
        }
      }
    }
    if (body.has("net_terms")) {
      row.set("net_terms", netTerms(body.get("net_terms")));
    }
  }

  /**
   * zoey.md §2.3: Net 10 to Net 120, or Net%XNetY with term days, discount days, discount percent
   * and late fee percent. The wire shape of terms is not known [U]; this object is our guess.
   */
  private static ObjectNode netTerms(JsonNode body) {
    if (!body.isObject()) {
      throw ApiError.badRequest("\"net_terms\" must be an object.");
    }
    var terms = Wire.object();
    var enabled = Wire.flag(body, "enabled");
    terms.put("enabled", Wire.flag(enabled));
    if (!enabled) {
      terms.putNull("days");
      terms.putNull("discount_days");
      terms.putNull("discount_percent");
      terms.putNull("late_fee_percent");
      terms.putNull("label");
      return terms;
    }
    var days = wholeDays(body, "days");
    var discount = Wire.numberOr(body, "discount_percent", BigDecimal.ZERO);
    var lateFee = Wire.numberOr(body, "late_fee_percent", BigDecimal.ZERO);
    if (discount.signum() == 0 && !NET_DAYS.contains(days)) {
      throw ApiError.badRequest(
          "Invalid value for \"net_terms.days\": "
              + days
              + "; Net Terms are Net 10, 15, 20, 30, 60, 90 or 120, or a discount term with"
              + " discount_percent and discount_days.");
    }
    terms.put("days", String.valueOf(days));
    if (discount.signum() > 0) {
      var discountDays = wholeDays(body, "discount_days");
      if (discountDays >= days) {
        throw ApiError.badRequest(
            "Invalid value for \"net_terms.discount_days\": the discount must end before the term"
                + " ("
                + discountDays
                + " is not less than "
                + days
                + ").");
      }
      terms.put("discount_days", String.valueOf(discountDays));
      terms.put("discount_percent", Wire.decimal(discount));
      terms.put(
          "label",
          discount.stripTrailingZeros().toPlainString() + "% " + discountDays + " Net " + days);
    } else {
      terms.putNull("discount_days");
      terms.putNull("discount_percent");
      terms.put("label", "Net " + days);
    }
    if (lateFee.signum() < 0) {
      throw ApiError.badRequest(
          "Invalid value for \"net_terms.late_fee_percent\": it cannot be negative.");
    }
    terms.put("late_fee_percent", Wire.decimal(lateFee));
    return terms;
  }

  private static int wholeDays(JsonNode body, String field) {
    var value = Wire.number(body, field);
    if (value.signum() <= 0 || value.stripTrailingZeros().scale() > 0) {
      throw ApiError.badRequest(
          "Invalid value for \"net_terms."
              + field
              + "\": it must be a whole number of days above 0.");
    }
    return value.intValueExact();
  }

  private void applyContactFields(ObjectNode row, JsonNode body, ObjectNode account) {
    if (body.has("account_role")) {
      // zoey.md §2.1: a contact is a Main Contact or an Additional Contact.
      var role = Wire.text(body, "account_role");
      if (!role.equals("main") && !role.equals("additional")) {
        throw ApiError.badRequest(
            "Invalid value for \"account_role\": \""
                + role
                + "\"; use \"main\" or \"additional\".");
      }
      row.put("account_role", role);
    }
    if (body.has("group_id")) {
      var group = Wire.text(body, "group_id");
      groups
          .find(group)
          .orElseThrow(() ->
              ApiError.badRequest(
                  "Invalid value for \"group_id\": no customer group has id " + group + "."));
      row.put("group_id", group);
    }
    if (body.has("location_access")) {
      // zoey.md §2.1: limited access to some locations, with a role per location.
      var access = Wire.array();
      for (var entry : Wire.elements(body.get("location_access"))) {
        var locationId = Wire.text(entry, "location_id");
        location(account, locationId);
        var grant = Wire.object();
        grant.put("location_id", locationId);
        grant.put("role", Wire.text(entry, "role"));
        access.add(grant);
      }
      row.set("location_access", access);
    }
  }

  private String email(String email) {
    if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      throw ApiError.badRequest(
          "Invalid value for \"email\": \"" + email + "\" is not an email address.");
    }
    if (contactByEmail(email).isPresent()) {
      // Magento 1 keeps customer emails unique per website.
      throw ApiError.badRequest("This customer email already exists.");
    }
    return email;
  }

  private ObjectNode newLocation(String name) {
    var location = Wire.object();
    location.put("location_id", String.valueOf(++lastNestedId));
    location.put("name", name);
    location.set("addresses", Wire.array());
    return location;
  }

  private ObjectNode unassigned(ObjectNode account) {
    for (var location : account.get("locations")) {
      if (location.path("name").asString().equals(UNASSIGNED)) {
        return (ObjectNode) location;
      }
    }
    var created = newLocation(UNASSIGNED);
    ((ArrayNode) account.get("locations")).add(created);
    return created;
  }

  private static ObjectNode location(ObjectNode account, String locationId) {
    for (var location : account.get("locations")) {
      if (location.path("location_id").asString().equals(locationId)) {
        return (ObjectNode) location;
      }
    }
    throw ApiError.badRequest(
        "Account " + account.path("entity_id").asString() + " has no location " + locationId + ".");
  }

  private static Optional<ObjectNode> findAddress(ObjectNode account, String addressId) {
    var all = new ArrayList<JsonNode>();
    account.get("bill_to_addresses").forEach(all::add);
    account.get("locations").forEach(l -> l.get("addresses").forEach(all::add));
    return all.stream()
        .filter(a -> a.path("address_id").asString().equals(addressId))
        .map(ObjectNode.class::cast)
        .findFirst();
  }

  private static JsonNode merged(ObjectNode address, JsonNode body) {
    var merged = address.deepCopy();
    merged.setAll((ObjectNode) body);
    return merged;
  }

  /**
   * A postal address in Magento 1's shape. Which fields are required is M1's rule for street, city,
   * postcode and country; names and telephone are optional for a business address [D].
   */
  private ObjectNode address(JsonNode body) {
    requireObject(body);
    var address = Wire.object();
    address.put("address_id", String.valueOf(++lastNestedId));
    for (var field : List.of("firstname", "lastname", "company", "region", "telephone")) {
      var value = Wire.textOr(body, field, "");
      if (value.isEmpty()) {
        address.putNull(field);
      } else {
        address.put(field, value);
      }
    }
    var street = Wire.array();
    if (body.path("street").isArray()) {
      Wire.elements(body.get("street")).stream()
          .map(JsonNode::asString)
          .filter(s -> !s.isBlank())
          .forEach(street::add);
    } else if (body.path("street").isString() && !body.path("street").asString().isBlank()) {
      street.add(body.path("street").asString());
    }
    if (street.isEmpty()) {
      throw ApiError.emptyValue("street");
    }
    address.set("street", street);
    address.put("city", Wire.text(body, "city"));
    address.put("postcode", Wire.text(body, "postcode"));
    var country = Wire.text(body, "country_id");
    if (!country.matches("[A-Z]{2}")) {
      throw ApiError.badRequest(
          "Invalid value for \"country_id\": \""
              + country
              + "\"; use a two-letter ISO code such as US.");
    }
    address.put("country_id", country);
    return address;
  }

  /** zoey.md §2.1: Bill-To addresses are global by default, available to all locations. */
  private ObjectNode billTo(JsonNode body, ArrayNode locations) {
    var address = address(body);
    address.setAll(billToScope(body, locations));
    return address;
  }

  private static ObjectNode billToScope(JsonNode body, ArrayNode locations) {
    var scope = Wire.object();
    var global = !body.has("is_global") || Wire.flag(body, "is_global");
    scope.put("is_global", Wire.flag(global));
    var ids = Wire.array();
    if (!global) {
      for (var id : Wire.elements(body.path("location_ids"))) {
        var known =
            locations
                .valueStream()
                .anyMatch(l -> l.path("location_id").asString().equals(id.asString()));
        if (!known) {
          throw ApiError.badRequest("This account has no location " + id.asString() + ".");
        }
        ids.add(id.asString());
      }
      if (ids.isEmpty()) {
        throw ApiError.badRequest(
            "A bill-to address that is not global needs \"location_ids\" naming the locations it serves.");
      }
    }
    scope.set("location_ids", ids);
    return scope;
  }

  static void requireObject(JsonNode body) {
    if (!body.isObject() || body.isEmpty()) {
      throw ApiError.badRequest(ApiError.INVALID_DATA);
    }
  }
}
