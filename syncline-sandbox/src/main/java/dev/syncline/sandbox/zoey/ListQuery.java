package dev.syncline.sandbox.zoey;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A collection request as Magento 1 api2 reads it (zoey.md §5.2): {@code page}, {@code limit},
 * {@code order}, {@code dir} and {@code filter[n][attribute]} with operators.
 */
record ListQuery(int page, int limit, String order, boolean descending, List<Filter> filters) {

  // zoey.md §5.2: the api2 error messages for bad paging, ordering and filtering.
  static final String LIMIT_EXCEEDED = "The paging limit exceeds the allowed number.";
  static final String PAGING_ERROR = "Resource collection paging error.";
  static final String ORDERING_ERROR = "Resource collection ordering error.";
  static final String FILTERING_ERROR = "Resource collection filtering error.";

  // zoey.md §5.2: filter[1][attribute]=price&filter[1][gt]=300, and filter[0][in][0]=simple01.
  private static final Pattern FILTER_KEY =
      Pattern.compile("filter\\[(\\w+)]\\[(\\w+)](?:\\[(\\d+)])?");

  // zoey.md §5.2: neq, in, nin, gt, lt, from/to are documented; any Varien condition works.
  private static final Set<String> OPERATORS =
      Set.of("eq", "neq", "gt", "lt", "gteq", "lteq", "from", "to", "in", "nin", "like");

  /** One {@code filter[n]} entry: an attribute and its conditions, all of which must hold. */
  record Filter(String attribute, Map<String, List<String>> conditions) {}

  static ListQuery parse(Map<String, List<String>> params, ZoeySettings settings) {
    var limit = integer(params, "limit", settings.defaultPageSize(), LIMIT_EXCEEDED);
    if (limit > settings.maxPageSize()) {
      throw ApiError.badRequest(LIMIT_EXCEEDED);
    }
    if (limit < 1) {
      throw ApiError.badRequest(PAGING_ERROR);
    }
    var page = integer(params, "page", 1, PAGING_ERROR);
    if (page < 0) {
      throw ApiError.badRequest(PAGING_ERROR);
    }
    var order = first(params, "order");
    // zoey.md §5.2: dir takes asc or dsc.
    var dir = first(params, "dir");
    if (!dir.isEmpty() && !dir.equals("asc") && !dir.equals("dsc")) {
      throw ApiError.badRequest(ORDERING_ERROR);
    }
    return new ListQuery(Math.max(page, 1), limit, order, dir.equals("dsc"), filters(params));
  }

  /**
   * The page of {@code rows} this query asks for.
   *
   * @param readable the attributes that may be filtered and ordered on; others are refused as M1
   *     refuses attributes the role cannot read (zoey.md §5.2)
   */
  List<ObjectNode> apply(
      List<ObjectNode> rows, Set<String> readable, String idField, boolean repeatLastPage) {
    if (!order.isEmpty() && !readable.contains(order)) {
      throw ApiError.badRequest(ORDERING_ERROR);
    }
    for (var filter : filters) {
      if (!readable.contains(filter.attribute())) {
        throw ApiError.badRequest(FILTERING_ERROR);
      }
    }
    var matching = new ArrayList<ObjectNode>();
    for (var row : rows) {
      if (filters.stream().allMatch(f -> matches(row, f))) {
        matching.add(row);
      }
    }
    // Ties (same second) fall back to id order, as MySQL returns them by primary key [D].
    Comparator<ObjectNode> byId =
        Comparator.comparing(
            r -> numberOrNull(r.path(idField).asString()),
            Comparator.nullsLast(Comparator.naturalOrder()));
    Comparator<ObjectNode> sort =
        order.isEmpty()
            ? byId
            : Comparator.<ObjectNode, String>comparing(
                r -> r.path(order).asString(""), ListQuery::compare);
    if (descending) {
      sort = sort.reversed();
    }
    matching.sort(order.isEmpty() ? sort : sort.thenComparing(byId));
    var pages = Math.max(1, (matching.size() + limit - 1) / limit);
    var shown = page;
    if (page > pages) {
      // zoey.md §4.3: Varien_Data_Collection::getCurPage() clamps to the last page.
      if (!repeatLastPage) {
        return List.of();
      }
      shown = pages;
    }
    var from = (shown - 1) * limit;
    return matching.subList(
        Math.min(from, matching.size()), Math.min(from + limit, matching.size()));
  }

  private static boolean matches(JsonNode row, Filter filter) {
    var value = row.path(filter.attribute());
    var text = value.isNull() || value.isMissingNode() ? null : value.asString();
    for (var condition : filter.conditions().entrySet()) {
      var operands = condition.getValue();
      var operand = operands.getFirst();
      var holds =
          switch (condition.getKey()) {
            case "eq" -> text != null && compare(text, operand) == 0;
            case "neq" -> text == null || compare(text, operand) != 0;
            case "gt" -> text != null && compare(text, operand) > 0;
            case "lt" -> text != null && compare(text, operand) < 0;
            case "gteq", "from" -> text != null && compare(text, operand) >= 0;
            case "lteq", "to" -> text != null && compare(text, operand) <= 0;
            case "in" -> text != null && operands.stream().anyMatch(o -> compare(text, o) == 0);
            case "nin" -> text == null || operands.stream().noneMatch(o -> compare(text, o) == 0);
            case "like" -> text != null && like(text, operand);
            default -> throw new IllegalStateException(condition.getKey());
          };
      if (!holds) {
        return false;
      }
    }
    return true;
  }

  /** Numbers compare as numbers, everything else (dates included) as text. */
  private static int compare(String a, String b) {
    var x = numberOrNull(a);
    var y = numberOrNull(b);
    return x != null && y != null ? x.compareTo(y) : a.compareTo(b);
  }

  private static BigDecimal numberOrNull(String text) {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean like(String text, String pattern) {
    var regex = new StringBuilder();
    for (var c : pattern.toCharArray()) {
      regex.append(c == '%' ? ".*" : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).matcher(text).matches();
  }

  private static List<Filter> filters(Map<String, List<String>> params) {
    var attributes = new TreeMap<String, String>();
    var conditions = new TreeMap<String, Map<String, List<String>>>();
    for (var entry : params.entrySet()) {
      if (!entry.getKey().startsWith("filter")) {
        continue;
      }
      var key = FILTER_KEY.matcher(entry.getKey());
      if (!key.matches() || entry.getValue().isEmpty()) {
        throw ApiError.badRequest(FILTERING_ERROR);
      }
      var index = key.group(1);
      var part = key.group(2);
      if (part.equals("attribute")) {
        attributes.put(index, entry.getValue().getFirst());
      } else if (OPERATORS.contains(part)) {
        conditions
            .computeIfAbsent(index, i -> new TreeMap<>())
            .computeIfAbsent(part, p -> new ArrayList<>())
            .addAll(entry.getValue());
      } else {
        throw ApiError.badRequest(FILTERING_ERROR);
      }
    }
    if (!attributes.keySet().equals(conditions.keySet())) {
      throw ApiError.badRequest(FILTERING_ERROR);
    }
    return attributes.entrySet().stream()
        .map(e -> new Filter(e.getValue(), conditions.get(e.getKey())))
        .toList();
  }

  private static int integer(
      Map<String, List<String>> params, String name, int fallback, String error) {
    var text = first(params, name);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(error);
    }
  }

  private static String first(Map<String, List<String>> params, String name) {
    var values = params.get(name);
    return values == null || values.isEmpty() ? "" : values.getFirst();
  }
}
