package dev.syncline.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The engine knows no field of any record type: when a record leaves the flow is its importer's to
 * say ({@code RecordImporter.leftFlow}), not a field the engine reads.
 */
class NothingCustomerSpecificTest {

  @Test
  void the_engine_reads_no_field_of_a_customer_to_decide_it_left_the_flow() throws IOException {
    var engine = Path.of("src/main/java/dev/syncline/core/engine");
    try (var files = Files.list(engine)) {
      var sources = files.filter(f -> f.toString().endsWith(".java")).toList();
      assertThat(sources).isNotEmpty();
      for (var source : sources) {
        assertThat(Files.readString(source, StandardCharsets.UTF_8))
            .as(source.getFileName().toString())
            .doesNotContainIgnoringCase("inactive");
      }
    }
  }
}
