package dev.syncline.sandbox.netsuite;

import dev.syncline.sandbox.common.LoggedRequest;
import dev.syncline.sandbox.common.SandboxHttp;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The NetSuite sandbox's own control API, under {@code /_sandbox/netsuite}: not NetSuite, but what
 * a person in NetSuite's UI (or a CSV import) would do, and the knobs and counters of the
 * simulator. Bad input is a 400 naming the problem, and changes nothing.
 */
final class ControlApi {

  private static final String ROOT = SandboxHttp.CONTROL + "/netsuite";
  private static final String ACCOUNT = ROOT + "/accounts/{account}";

  private ControlApi() {}

  static void routes(JavalinConfig config, NetSuiteSandbox sandbox) {
    var r = config.routes;
    r.get(ROOT + "/settings", control(ctx -> ctx.json(sandbox.settings())));
    r.patch(ROOT + "/settings", control(ctx -> changeSettings(ctx, sandbox)));
    r.get(ROOT + "/stats", control(ctx -> ctx.json(stats(sandbox))));
    r.get(
        ROOT + "/accounts",
        control(ctx ->
            ctx.json(
                sandbox.accounts().stream()
                    .map(
                        a -> Map.of("id", a.id(), "baseUrl", sandbox.accountUrl(a.id()).toString()))
                    .toList())));
    r.get(ACCOUNT + "/governance", control(ctx -> ctx.json(account(ctx, sandbox).governance())));
    r.delete(
        ACCOUNT + "/governance",
        control(ctx -> {
          account(ctx, sandbox).resetGovernance();
          ctx.status(204);
        }));
    r.post(
        ACCOUNT + "/seed",
        control(ctx -> {
          DemoData.seed(account(ctx, sandbox));
          ctx.status(204);
        }));
    r.post(ACCOUNT + "/customers/generate", control(ctx -> generate(ctx, sandbox)));
    r.post(ACCOUNT + "/customFields", control(ctx -> defineCustomField(ctx, sandbox)));
    r.post(ACCOUNT + "/certificates", control(ctx -> trustCertificate(ctx, sandbox)));
    r.delete(
        ACCOUNT + "/records",
        control(ctx -> {
          account(ctx, sandbox).clear();
          ctx.status(204);
        }));
    r.post(ACCOUNT + "/records/{type}", control(ctx -> create(ctx, sandbox)));
    r.get(
        ACCOUNT + "/records/{type}/{id}",
        control(ctx ->
            account(ctx, sandbox)
                .find(ctx.pathParam("type"), id(ctx))
                .ifPresentOrElse(
                    r2 -> ctx.contentType("application/json").result(r2.toString()),
                    () -> ctx.status(404).json(Map.of("error", "No such record")))));
    r.patch(
        ACCOUNT + "/records/{type}/{id}",
        control(ctx -> {
          account(ctx, sandbox).update(ctx.pathParam("type"), id(ctx), body(ctx));
          ctx.status(204);
        }));
    r.delete(
        ACCOUNT + "/records/{type}/{id}",
        control(ctx -> {
          account(ctx, sandbox).delete(ctx.pathParam("type"), id(ctx));
          ctx.status(204);
        }));
  }

  private static Handler control(Handler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (JacksonException | IllegalArgumentException e) {
        ctx.status(400).json(Map.of("error", "Bad control request: " + e.getMessage()));
      } catch (NetSuiteError e) {
        ctx.status(e.status() == 404 ? 404 : 400)
            .json(Map.of("error", e.getMessage(), "code", e.code()));
      }
    };
  }

  private static NetSuiteAccount account(Context ctx, NetSuiteSandbox sandbox) {
    var name = ctx.pathParam("account");
    return sandbox.accountByLabel(name).orElseGet(() -> sandbox.account(name));
  }

  private static long id(Context ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("A record id is a number, not " + ctx.pathParam("id"));
    }
  }

  private static JsonNode body(Context ctx) {
    return SandboxHttp.JSON.readTree(ctx.body());
  }

  /** One record (an object) or many at once (an array), as a CSV import would. */
  private static void create(Context ctx, NetSuiteSandbox sandbox) {
    var body = body(ctx);
    var bodies = new ArrayList<JsonNode>();
    if (body.isArray()) {
      body.forEach(bodies::add);
    } else {
      bodies.add(body);
    }
    var ids = account(ctx, sandbox).createAll(ctx.pathParam("type"), bodies);
    ctx.status(201).json(Map.of("ids", ids));
  }

  /** {count, addressesEach, seed}: synthetic customers, fast, for benchmarks. */
  private static void generate(Context ctx, NetSuiteSandbox sandbox) {
    var body = body(ctx);
    var count = body.path("count").asInt(0);
    if (count < 1 || count > 1_000_000) {
      throw new IllegalArgumentException("count must be from 1 to 1000000, not " + count);
    }
    var account = account(ctx, sandbox);
    if (account.customFields().isEmpty()) {
      DemoData.referenceData(account);
    }
    var started = System.nanoTime();
    var ids =
        account.createAll(
            "customer",
            DemoData.customers(
                count, body.path("addressesEach").asInt(2), body.path("seed").asLong(1)));
    ctx.status(201)
        .json(
            Map.of(
                "created", ids.size(),
                "firstId", ids.getFirst(),
                "lastId", ids.getLast(),
                "millis", (System.nanoTime() - started) / 1_000_000));
  }

  private static void defineCustomField(Context ctx, NetSuiteSandbox sandbox) {
    var body = (ObjectNode) body(ctx);
    var values = new LinkedHashMap<String, String>();
    body.path("listValues")
        .properties()
        .forEach(e -> values.put(e.getKey(), e.getValue().asString()));
    var field =
        new CustomField(
            body.path("id").asString(""),
            CustomField.Type.valueOf(body.path("type").asString("TEXT")),
            values);
    account(ctx, sandbox).defineCustomField(field);
    ctx.status(201);
  }

  /** {certificateId, publicKey}: the PEM (or base64 DER) of an RSA or EC public key. */
  private static void trustCertificate(Context ctx, NetSuiteSandbox sandbox) {
    var body = body(ctx);
    var certificateId = body.path("certificateId").asString("");
    if (certificateId.isBlank()) {
      throw new IllegalArgumentException("certificateId is required");
    }
    account(ctx, sandbox)
        .trustCertificate(certificateId, publicKey(body.path("publicKey").asString("")));
    ctx.status(201);
  }

  static PublicKey publicKey(String pem) {
    var base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("publicKey is not PEM or base64: " + e.getMessage());
    }
    for (var algorithm : List.of("RSA", "EC")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
      } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
        // Tried as the other algorithm next.
      }
    }
    throw new IllegalArgumentException("publicKey is neither an RSA nor an EC public key");
  }

  private static void changeSettings(Context ctx, NetSuiteSandbox sandbox) {
    var patch = body(ctx);
    if (patch.has("host") || patch.has("port") || patch.has("accounts")) {
      throw new IllegalArgumentException("host, port and accounts are fixed once the sandbox runs");
    }
    var merged = (ObjectNode) SandboxHttp.JSON.valueToTree(sandbox.settings());
    patch.properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
    var next = SandboxHttp.JSON.treeToValue(merged, NetSuiteSettings.class);
    sandbox.settings(current -> next);
    ctx.json(sandbox.settings());
  }

  /** Calls per operation and per status, from the request log. */
  private static Map<String, Object> stats(NetSuiteSandbox sandbox) {
    var byOperation = new TreeMap<String, Integer>();
    var byStatus = new TreeMap<Integer, Integer>();
    for (LoggedRequest request : sandbox.requestLog().all()) {
      byOperation.merge(request.details().getOrDefault("operation", "other"), 1, Integer::sum);
      byStatus.merge(request.status(), 1, Integer::sum);
    }
    var governance = new LinkedHashMap<String, Object>();
    sandbox.accounts().forEach(a -> governance.put(a.id(), a.governance()));
    return Map.of(
        "callsByOperation", byOperation, "callsByStatus", byStatus, "governance", governance);
  }
}
