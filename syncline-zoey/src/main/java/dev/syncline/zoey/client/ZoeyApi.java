package dev.syncline.zoey.client;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Every detail of Zoey's wire that the client relies on, in one place. Zoey's API reference was not
 * found (zoey.md §0): OAuth 2.0 and the {@code companyAccounts} resource are confirmed; the rest is
 * modelled on Magento 1 api2, on which Zoey is built. Correct this class against the real API.
 */
final class ZoeyApi {

  static final String SYSTEM = "zoey";

  // zoey.md §1.1: OAuth 2.0 authorization code grant with refresh tokens, client by Basic auth.
  static final String GRANT_AUTHORIZATION_CODE = "authorization_code";
  static final String GRANT_REFRESH_TOKEN = "refresh_token";

  // zoey.md §5.2: JSON by Accept header.
  static final String JSON = "application/json";

  // zoey.md §5.2: collection parameters, and at most 100 records a page.
  static final String PAGE = "page";
  static final String LIMIT = "limit";
  static final String ORDER = "order";
  static final String DIR = "dir";
  static final String ASCENDING = "asc";
  static final int MAX_PAGE_SIZE = 100;

  static String filterAttribute(int index) {
    return "filter[" + index + "][attribute]";
  }

  /**
   * zoey.md §5.2: {@code filter[n][operator]=value}; {@code from} is inclusive, {@code eq} equal.
   */
  static String filterCondition(int index, String operator) {
    return "filter[" + index + "][" + operator + "]";
  }

  static final String FROM = "from";
  static final String EQUALS = "eq";
  static final String IN = "in";

  // zoey.md §5.2: ids and change stamps of records.
  static final String ENTITY_ID = "entity_id";
  static final String STOCK_ITEM_ID = "item_id";
  static final String GROUP_ID = "customer_group_id";
  static final String UPDATED_AT = "updated_at";

  // zoey.md §5.2: "2012-03-22 14:15:54"; Magento 1 stores UTC [D].
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  static String time(Instant instant) {
    return TIME.format(instant);
  }

  static Optional<Instant> parseTime(String text) {
    try {
      return Optional.of(Instant.from(TIME.parse(text)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  // zoey.md §1.2 and §5.1: resources under {base}/api/rest; only companyAccounts is confirmed.
  static final String ACCOUNTS = "companyAccounts";
  static final String CONTACTS = "customers";
  static final String CUSTOMER_GROUPS = "customerGroups";
  static final String PRODUCTS = "products";
  static final String STOCK_ITEMS = "stockitems";
  static final String ACCOUNT_PRICES = "accountPrices";
  static final String ORDERS = "orders";
  static final String INVOICES = "invoices";
  static final String PAYMENTS = "payments";
  static final String REFUNDS = "refunds";
  static final String SHIPMENTS = "shipments";
  static final String CREDIT_MEMOS = "creditmemos";

  static String locations(String accountId) {
    return ACCOUNTS + "/" + accountId + "/locations";
  }

  static String shipToAddresses(String accountId) {
    return ACCOUNTS + "/" + accountId + "/shipToAddresses";
  }

  static String billToAddresses(String accountId) {
    return ACCOUNTS + "/" + accountId + "/billToAddresses";
  }

  static String address(String accountId, String addressId) {
    return ACCOUNTS + "/" + accountId + "/addresses/" + addressId;
  }

  static String tracks(String shipmentId) {
    return SHIPMENTS + "/" + shipmentId + "/tracks";
  }

  static String voided(String resource, String id) {
    return resource + "/" + id + "/void";
  }

  // zoey.md §5.2: a single create answers a Location header naming the new record.
  static final String LOCATION = "Location";
  static final String RETRY_AFTER = "Retry-After";

  // zoey.md §5.2: multi-update answers 207 with {"success":[...],"error":[...]} keyed by item_id.
  static final int MULTI_STATUS = 207;
  static final String MULTI_SUCCESS = "success";
  static final String MULTI_ERROR = "error";
  static final String MULTI_ITEM = "item_id";

  // zoey.md §5.2: {"messages":{"error":[{"code":404,"message":"Resource not found."}]}}.
  static final String MESSAGES = "messages";
  static final String MESSAGE_ERRORS = "error";
  static final String MESSAGE = "message";

  // RFC 6749 §5.1-5.2: token responses and errors.
  static final String ACCESS_TOKEN = "access_token";
  static final String REFRESH_TOKEN = "refresh_token";
  static final String EXPIRES_IN = "expires_in";
  static final String OAUTH_ERROR = "error";
  static final String OAUTH_ERROR_DESCRIPTION = "error_description";
  static final String INVALID_GRANT = "invalid_grant";
  static final String INVALID_CLIENT = "invalid_client";

  private ZoeyApi() {}
}
