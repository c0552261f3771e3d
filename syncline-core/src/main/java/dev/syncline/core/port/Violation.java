package dev.syncline.core.port;

/**
 * One reason a record cannot be sent.
 *
 * @param field the canonical field at fault ({@code priceLevel}, {@code addresses})
 * @param problem the problem in a person's words, the same for every record with it, so that
 *     failures group by it ("Missing price level", "Incomplete address: no city")
 * @param detail what is particular to this record ("on address 'Warehouse'"), empty when nothing is
 */
public record Violation(String field, String problem, String detail) {

  public Violation(String field, String problem) {
    this(field, problem, "");
  }

  /** Problem and detail together: "Incomplete address: no city on address 'Warehouse'". */
  public String text() {
    return detail.isEmpty() ? problem : problem + " " + detail;
  }
}
