package dev.syncline.app.config;

import dev.syncline.core.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads {@code syncline.yaml}: parse, substitute environment variables, validate against the
 * schema, bind to {@link SynclineConfig}. Every problem found on the way is reported together, each
 * with its file, line and column, and none of them echoes a secret.
 */
public final class ConfigLoader {

  /** Overrides {@code database.url}, so that a deployment can keep the file free of addresses. */
  public static final String DATABASE_URL_VARIABLE = "SYNCLINE_DATABASE_URL";

  private static final YAMLMapper BINDER =
      YAMLMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(EnumFeature.READ_ENUMS_USING_TO_STRING)
          .addModule(
              new SimpleModule("syncline-config")
                  .addDeserializer(
                      Secret.class,
                      new ValueDeserializer<>() {
                        @Override
                        public Secret deserialize(JsonParser p, DeserializationContext ctxt) {
                          return Secret.of(p.getString());
                        }
                      })
                  .addDeserializer(
                      Duration.class,
                      new ValueDeserializer<>() {
                        @Override
                        public Duration deserialize(JsonParser p, DeserializationContext ctxt) {
                          return Durations.parse(p.getString());
                        }
                      })
                  .addDeserializer(
                      SynclineConfig.LogFormat.class,
                      new ValueDeserializer<>() {
                        @Override
                        public SynclineConfig.LogFormat deserialize(
                            JsonParser p, DeserializationContext ctxt) {
                          return SynclineConfig.LogFormat.parse(p.getString());
                        }
                      }))
          .build();

  private static final Pattern POSTGRES_URL =
      Pattern.compile("jdbc:postgresql://|postgres(ql)?://");

  private final Map<String, String> environment;
  private final List<ConfigCheck> checks;
  private final ConfigSchema schema = ConfigSchema.load();

  /** A loader with the checks every configuration gets. */
  public ConfigLoader(Map<String, String> environment) {
    this(environment, List.of());
  }

  /**
   * A loader that also runs {@code checks} on a configuration the schema accepted, such as those
   * that need to know the system modules (a mapping naming a field the target does not have).
   */
  public ConfigLoader(Map<String, String> environment, List<ConfigCheck> checks) {
    this.environment = Map.copyOf(environment);
    var all = new ArrayList<ConfigCheck>();
    all.add(new ServerChecks());
    all.add(new SystemChecks());
    all.add(new FlowChecks());
    all.add(new NotificationChecks());
    all.addAll(checks);
    this.checks = List.copyOf(all);
  }

  /** Reads and checks the file; throws {@link ConfigException} with every problem in it. */
  public SynclineConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(
          List.of(
              new ConfigProblem(
                  file.toString(),
                  0,
                  0,
                  "",
                  "does not exist; create it (see docs/configuration.md) or name another with --config")));
    } catch (IOException e) {
      throw new ConfigException(
          List.of(
              new ConfigProblem(file.toString(), 0, 0, "", "cannot be read: " + e.getMessage())));
    }
    return parse(file.toString(), text);
  }

  /** The configuration when there is no file: every default, and the environment's overrides. */
  public SynclineConfig defaults() {
    return withEnvironment(SynclineConfig.DEFAULTS);
  }

  /** Checks configuration text; {@code fileName} is only for the messages. */
  public SynclineConfig parse(String fileName, String text) {
    var doc = YamlDocument.parse(fileName, text);
    var problems = new ArrayList<ConfigProblem>();
    if (doc.root().isObject() && doc.root().isEmpty()) {
      // An empty file is more likely a mistake (the wrong file, a failed copy) than a wish to run
      // with every default, which starting without any file already gives.
      throw new ConfigException(
          List.of(
              new ConfigProblem(
                  fileName,
                  0,
                  0,
                  "",
                  "is empty: it needs at least systems and flows; see docs/configuration.md")));
    }
    if (!doc.root().isObject()) {
      throw new ConfigException(
          List.of(
              doc.problem(
                  KeyPath.ROOT, "expected a mapping of keys to values at the top of the file")));
    }
    var substitutions = Substitutions.apply(doc, environment::get, schema);
    problems.addAll(substitutions.problems());
    problems.addAll(schema.validate(doc, substitutions));
    if (problems.isEmpty()) {
      var config = bind(doc);
      // In order, stopping at the first that finds something: later checks build on what earlier
      // ones ensure.
      for (var check : checks) {
        for (var finding : check.check(config)) {
          problems.add(doc.problem(KeyPath.parse(finding.key()), finding.message()));
        }
        if (!problems.isEmpty()) {
          break;
        }
      }
      if (problems.isEmpty()) {
        return withEnvironment(config);
      }
    }
    problems.sort(
        Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
    throw new ConfigException(problems);
  }

  private SynclineConfig bind(YamlDocument doc) {
    try {
      return BINDER.treeToValue(doc.root(), SynclineConfig.class);
    } catch (DatabindException e) {
      // The schema should have caught this; say where, without echoing the value.
      var path = KeyPath.ROOT;
      for (var reference : e.getPath()) {
        path =
            reference.getPropertyName() != null
                ? path.property(reference.getPropertyName())
                : path.index(reference.getIndex());
      }
      throw new ConfigException(
          List.of(doc.problem(path, "cannot be used here: " + e.getOriginalMessage())));
    }
  }

  private SynclineConfig withEnvironment(SynclineConfig config) {
    var url = environment.get(DATABASE_URL_VARIABLE);
    if (url == null || url.isBlank()) {
      return config;
    }
    if (!POSTGRES_URL.matcher(url).lookingAt()) {
      throw new ConfigException(
          List.of(
              new ConfigProblem(
                  "environment",
                  0,
                  0,
                  DATABASE_URL_VARIABLE,
                  "expected a PostgreSQL URL like jdbc:postgresql://db.example.com:5432/syncline"
                      + " (the value is not shown)")));
    }
    return config.withDatabaseUrl(url);
  }
}
