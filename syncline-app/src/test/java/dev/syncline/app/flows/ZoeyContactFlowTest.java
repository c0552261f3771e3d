package dev.syncline.app.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncline.core.engine.SyncEngine;
import dev.syncline.core.flow.Side;
import dev.syncline.sandbox.common.Faults;
import dev.syncline.store.testing.TestDatabase;
import dev.syncline.zoey.client.ZoeyRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * NetSuite contacts as the contacts of their customers' Zoey accounts (issue 15), with the engine
 * running against the NetSuite and Zoey sandboxes over HTTP, beside the customer flow that links
 * the accounts.
 */
class ZoeyContactFlowTest {

  static final String CUSTOMERS = "customers-with-zoey";
  static final String CONTACTS = "contacts-to-zoey";

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  @RegisterExtension
  static final com.icegreen.greenmail.junit5.GreenMailExtension relay =
      new com.icegreen.greenmail.junit5.GreenMailExtension(
          com.icegreen.greenmail.util.ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path directory;
  private ZoeyFlowFixture fx;

  @BeforeEach
  void start() {
    fx = new ZoeyFlowFixture(db, directory);
  }

  @AfterEach
  void close() {
    fx.close();
  }

  /** Both flows, scanned only when the test says so; more lines under the contacts' mapping. */
  private SyncEngine engine(String customerLines, String contactMapping) {
    return fx.engineOf(yaml(customerLines, contactMapping));
  }

  private static String yaml(String customerLines, String contactMapping) {
    return (ZoeyFlowFixture.systems()
        + ZoeyFlowFixture.twoWayFlow()
            .replace("10s", "1h")
            .replace("    master: netsuite\n", "    master: netsuite\n" + customerLines)
        + """
          - name: contacts-to-zoey
            recordType: contact
            from: netsuite
            to: zoey_store
            every: 1h
            mapping:
              firstname: "firstName"
        """
        + contactMapping);
  }

  private long customer(String name, String email) {
    return fx.customer(name, email, true);
  }

  private long customer(String name, String email, boolean onZoey) {
    return fx.customer(name, email, onZoey);
  }

  private long contact(String first, String last, String email, long company) {
    return fx.contact(first, last, email, company);
  }

  private List<ZoeyRecord> contactsOf(String accountId) {
    return fx.zoeyClient().contacts().where("account_id", accountId);
  }

  private String accountOf(long customer) {
    var accounts = fx.accountsOf(customer);
    assertThat(accounts).hasSize(1);
    return accounts.getFirst().id();
  }

  private String state(SyncEngine engine, long contact) {
    return engine
        .jobQueue()
        .job(CONTACTS, Side.A, Long.toString(contact), fx.clock.instant())
        .map(j -> j.state())
        .orElse("none");
  }

  @Test
  void contacts_wait_for_their_customer_then_join_its_account_beside_its_main_contact() {
    // Not on the Zoey channel yet: its contacts wait for it.
    var maison = customer("Maison Lumière", "noe@maison.example", false);
    var zoe = contact("Zoë", "Ångström 🌟", "zoe@maison.example", maison);
    var noe = contact("Noé", "Lumière", "NOE@maison.example", maison);
    var nameless = contact("Jo", "Bleu", null, maison);
    var engine = engine("", "");

    engine.start();
    engine.scan(CONTACTS, "manual");
    // The customer flow, queued the customer by its contacts, leaves it out, and they say so.
    for (var contact : List.of(zoe, noe)) {
      await()
          .atMost(Duration.ofMinutes(1))
          .untilAsserted(() ->
              assertThat(
                      engine
                          .jobQueue()
                          .job(CONTACTS, Side.A, Long.toString(contact), fx.clock.instant())
                          .flatMap(j -> j.waiting()))
                  .hasValueSatisfying(w -> {
                    assertThat(w.reason()).isEqualTo(dev.syncline.core.port.Wait.Reason.LEFT_OUT);
                    assertThat(w.error())
                        .hasValueSatisfying(e ->
                            assertThat(e)
                                .contains(": waiting for customer " + maison + " (")
                                .contains("which flow " + CUSTOMERS + " leaves out"));
                  }));
    }
    assertThat(fx.requests("POST", ".*/customers")).as("no contact before its account").isZero();

    var channels = JsonMapper.shared().createObjectNode();
    channels.putObject("custentity_syncline_channels").putArray("items").addObject().put("id", "2");
    fx.account().update("customer", maison, channels);
    fx.syncUntilIdle(engine, CUSTOMERS);
    fx.syncUntilIdle(engine, CONTACTS);

    var account = accountOf(maison);
    var people = contactsOf(account);
    assertThat(people)
        .extracting(p ->
            p.body().path("email").asString()
                + " "
                + p.body().path("firstname").asString()
                + " "
                + p.body().path("lastname").asString()
                + " "
                + p.body().path("account_role").asString())
        .as("the customer's own email is its main contact, found and kept; the other is added")
        .containsExactlyInAnyOrder(
            "noe@maison.example Noé Lumière main", "zoe@maison.example Zoë Ångström 🌟 additional");
    assertThat(state(engine, nameless)).isEqualTo("failed");
    var failed =
        new dev.syncline.store.PostgresFailedQueue(db.jdbi())
            .failed(dev.syncline.core.port.FailedFilter.ofFlow(CONTACTS));
    assertThat(failed)
        .singleElement()
        .satisfies(f -> {
          assertThat(f.sourceId()).isEqualTo(Long.toString(nameless));
          assertThat(f.message())
              .contains("Contact " + nameless + " (Jo Bleu)")
              .contains("Missing email")
              .contains("Set the email on the contact in NetSuite");
        });

    assertThat(new dev.syncline.store.PostgresLinks(db.jdbi()).findRecords("zoe ANGSTROM", 10))
        .as("found by its names typed without accents, and named as a person knows it")
        .filteredOn(m -> m.recordType().equals("contact"))
        .singleElement()
        .satisfies(m -> {
          assertThat(m.sourceId()).isEqualTo(Long.toString(zoe));
          assertThat(m.name()).isEqualTo("Zoë Ångström 🌟");
        });
    assertThat(new dev.syncline.store.PostgresLinks(db.jdbi()).findRecords("Jo Bleu", 10))
        .as("a contact never written is found by its description")
        .singleElement()
        .satisfies(m -> assertThat(m.name()).isEqualTo("Contact " + nameless + " (Jo Bleu)"));

    assertThat(engine.live(CONTACTS, Long.toString(zoe)).name())
        .as("the record page's title names the person")
        .contains("Zoë Ångström 🌟");

    // A name changed in NetSuite changes it in Zoey, and only it.
    fx.account()
        .update("contact", zoe, JsonMapper.shared().createObjectNode().put("lastName", "Ångström"));
    var before = fx.requests("PUT", ".*/customers/.*");
    fx.syncUntilIdle(engine, CONTACTS);
    assertThat(contactsOf(account))
        .filteredOn(p -> p.body().path("email").asString().equals("zoe@maison.example"))
        .singleElement()
        .satisfies(p -> assertThat(p.body().path("lastname").asString()).isEqualTo("Ångström"));
    assertThat(fx.requests("PUT", ".*/customers/.*")).isEqualTo(before + 1);
  }

  @Test
  void config_check_refuses_contact_flows_that_cannot_run_and_says_why() {
    var back =
        ZoeyFlowFixture.systems()
            + """
            flows:
              - name: contacts-gone
                recordType: contact
                from: netsuite
                to: zoey_store
                every: 1h
                onLeave: propagate
                statusFields:
                  status: custentity_syncline_zoey_status
                  message: custentity_syncline_zoey_message
                  syncedAt: custentity_syncline_zoey_synced_at
            """;

    var problems = new java.util.ArrayList<String>();
    try {
      fx.config(back);
    } catch (dev.syncline.app.config.ConfigException e) {
      e.problems().forEach(p -> problems.add(p.toString()));
    }

    assertThat(problems)
        .anySatisfy(p -> assertThat(p).contains("Zoey gives contacts no disabled state"))
        .anySatisfy(p -> assertThat(p).contains("cannot take a sync status back"));
  }

  @Test
  void a_contact_that_fails_is_in_the_failure_digest_of_its_flow() throws Exception {
    var maison = customer("Maison Digeste", "digeste@maison.example");
    var nameless = contact("Jo", "Sans Courriel", null, maison);
    var engine = engine("", "");
    fx.syncUntilIdle(engine, CUSTOMERS);
    fx.syncUntilIdle(engine, CONTACTS);
    var settings =
        new dev.syncline.app.config.ConfigLoader(fx.environment())
            .parse(
                "syncline.yaml",
                yaml("", "")
                    + """
                    notifications:
                      smtp:
                        host: 127.0.0.1
                        port: %d
                        security: none
                      from: Syncline <syncline@example.com>
                      to: [ops@example.com]
                      dashboardUrl: https://syncline.example.com
                      freshness:
                        alertAfter: 3h
                    """
                        .formatted(relay.getSmtp().getPort()))
            .notifications()
            .orElseThrow();
    var notifications =
        new dev.syncline.app.notify.Notifications(
            settings,
            new dev.syncline.app.notify.SmtpNotifier(settings, fx.clock),
            new dev.syncline.store.NotificationStore(db.jdbi()),
            engine.schedule(),
            engine.jobQueue(),
            engine.flows().stream().map(f -> f.settings()).toList(),
            "node-1",
            fx.clock);

    notifications.runOnce();

    var digests =
        java.util.Arrays.stream(relay.getReceivedMessages())
            .filter(m -> {
              try {
                return m.getSubject().contains("failed in flow " + CONTACTS);
              } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
            .toList();
    assertThat(digests).as("one digest of the contacts flow, a mail per flow").hasSize(1);
    assertThat(((String) digests.getFirst().getContent()).replace("\r\n", "\n"))
        .contains("Missing email (a Zoey contact signs in with it): 1")
        .contains("contact " + nameless + ": Contact " + nameless + " (Jo Sans Courriel)")
        .contains("https://syncline.example.com/failed?flow=" + CONTACTS);
  }

  @Test
  void an_email_another_account_holds_is_never_taken_and_says_which_contact_has_it() {
    var nord = customer("Atelier Nord", "nord@atelier.example");
    var sud = customer("Atelier Sud", "sud@atelier.example");
    // A person of Sud whose email is Nord's main contact's.
    var clash = contact("Noé", "Doublon", "nord@atelier.example", sud);
    var engine = engine("", "");
    fx.syncUntilIdle(engine, CUSTOMERS);
    fx.syncUntilIdle(engine, CONTACTS);

    var nordMain = fx.zoeyClient().contacts().where("email", "nord@atelier.example");
    assertThat(nordMain)
        .as("Nord's main contact stays Nord's, unchanged")
        .singleElement()
        .satisfies(p -> {
          assertThat(p.body().path("account_id").asString()).isEqualTo(accountOf(nord));
          assertThat(p.body().path("lastname").asString()).isNotEqualTo("Doublon");
        });
    assertThat(
            new dev.syncline.store.PostgresFailedQueue(db.jdbi())
                .failed(dev.syncline.core.port.FailedFilter.ofFlow(CONTACTS)))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.sourceId()).isEqualTo(Long.toString(clash));
          assertThat(f.message())
              .contains(
                  "The email nord@atelier.example belongs to Zoey contact "
                      + nordMain.getFirst().id())
              .contains("on account " + accountOf(nord))
              .contains("Give one of the two NetSuite contacts another email");
        });
    assertThat(accountOf(sud)).isNotEmpty();
  }

  @Test
  void a_contact_moved_to_another_customer_moves_to_its_account() {
    var nord = customer("Atelier Nord", "nord@atelier.example");
    var sud = customer("Atelier Sud", "sud@atelier.example");
    var ines = contact("Inès", "Moreau", "ines@atelier.example", nord);
    var engine = engine("", "");
    fx.syncUntilIdle(engine, CUSTOMERS);
    fx.syncUntilIdle(engine, CONTACTS);
    var nordAccount = accountOf(nord);
    var sudAccount = accountOf(sud);
    assertThat(contactsOf(nordAccount))
        .extracting(p -> p.body().path("email").asString())
        .contains("ines@atelier.example");

    // NetSuite's merge of Nord into Sud points Nord's contacts at Sud.
    var moved = JsonMapper.shared().createObjectNode();
    moved.putObject("company").put("id", Long.toString(sud));
    fx.account().update("contact", ines, moved);
    fx.syncUntilIdle(engine, CONTACTS);

    assertThat(contactsOf(sudAccount))
        .extracting(p -> p.body().path("email").asString())
        .contains("ines@atelier.example");
    assertThat(contactsOf(nordAccount))
        .extracting(p -> p.body().path("email").asString())
        .doesNotContain("ines@atelier.example");
    assertThat(fx.zoeyClient().contacts().where("email", "ines@atelier.example"))
        .as("moved, not made again")
        .hasSize(1);
  }

  @Test
  void a_contact_whose_create_answer_is_lost_is_made_and_invited_once() {
    var maison = customer("Maison Écho", "echo@maison.example");
    var engine = engine("", "      sendInvite: \"true\"\n      role: \"'additional'\"\n");
    fx.syncUntilIdle(engine, CUSTOMERS);
    var lea = contact("Léa", "Écho", "lea@maison.example", maison);
    var posts = fx.requests("POST", ".*/customers");
    // zoey.md §1.4: the create is applied, and its answer lost.
    fx.zoey
        .faults()
        .failNext("POST", ".*/customers", 1, Faults.Fault.status(503, "").onceHandled());

    fx.syncUntilIdle(engine, CONTACTS);

    assertThat(fx.zoeyClient().contacts().where("email", "lea@maison.example"))
        .as("one contact, however many attempts")
        .singleElement()
        .satisfies(
            p -> assertThat(p.body().path("account_id").asString()).isEqualTo(accountOf(maison)));
    assertThat(fx.requests("POST", ".*/customers"))
        .as("the retry found the contact by its email instead of making it again")
        .isEqualTo(posts + 1);
    assertThat(fx.requests("GET", ".*/customers.*"))
        .as("the lost answer was retried")
        .isGreaterThanOrEqualTo(2);
    assertThat(fx.invitations())
        .as("invited once: the retry found the contact")
        .containsOnlyOnce("lea@maison.example");
    assertThat(state(engine, lea)).isEqualTo("done");
  }
}
