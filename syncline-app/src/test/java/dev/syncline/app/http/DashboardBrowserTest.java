package dev.syncline.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syncline.sandbox.common.Faults;
import dev.syncline.store.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's Chromium, headless, driven by Selenium through Debian's
 * chromedriver, against a node syncing the NetSuite sandbox's customers to the JOOR sandbox. Also
 * saves the screenshot of the overview that the README shows.
 */
class DashboardBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  static DashboardFixture fixture;
  static WebDriver browser;
  static List<String> goodCustomers;
  static List<String> badCustomers;

  @BeforeAll
  static void start() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException(
          "The dashboard's browser tests need Debian's chromium and chromium-driver: run"
              + " apt-get install -y chromium chromium-driver (./syncline test does so in CI).");
    }
    fixture = new DashboardFixture(db);
    goodCustomers = fixture.flows.usCustomers(12, "Browser Boutique");
    badCustomers =
        List.of(
            fixture.customerWithoutPriceLevel("Priceless Goods A"),
            fixture.customerWithoutPriceLevel("Priceless Goods B"));
    // As a person's Run now does: the node's scheduler scans and closes the run when all is done.
    fixture.node.sync().runNow(DashboardFixture.FLOW, "test");
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() ->
            fixture.node.sync().flow(DashboardFixture.FLOW).failedRecords() == 2
                && fixture
                    .node
                    .sync()
                    .flow(DashboardFixture.FLOW)
                    .lastRun()
                    .map(r -> r.finishedAt().isPresent())
                    .orElse(false));

    var service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    var options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1360,1000");
    // The browser's console, where Chromium reports what the Content-Security-Policy refused.
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  @BeforeEach
  void signedOut() {
    browser.get(fixture.base.toString());
    browser.manage().deleteAllCookies();
  }

  /**
   * What the browser refused under the pages' Content-Security-Policy since last asked: each test
   * ends with none, which shows that the pages work within it.
   */
  private static List<String> policyViolations() {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(LogEntry::getMessage)
        .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
        .toList();
  }

  @AfterEach
  void nothingWasRefusedByTheContentPolicy() {
    assertThat(policyViolations()).isEmpty();
  }

  private WebDriverWait waiting() {
    var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    // htmx swaps fragments in while a test looks: an element read during a swap is looked up again.
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    return wait;
  }

  private void signIn(String user) {
    browser.get(fixture.base.resolve("/").toString());
    waiting().until(ExpectedConditions.urlContains("/sign-in"));
    browser.findElement(By.id("name")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(DashboardFixture.PASSWORD);
    browser.findElement(By.id("sign-in")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("who")));
  }

  private WebElement flowRow() {
    return browser.findElement(By.id("flow-" + DashboardFixture.FLOW));
  }

  @Test
  void a_person_signs_in_sees_the_overview_and_signs_out() {
    browser.get(fixture.base.resolve("/failed").toString());
    waiting().until(ExpectedConditions.urlContains("/sign-in?next="));
    browser.findElement(By.id("name")).sendKeys("vic");
    browser.findElement(By.id("password")).sendKeys("not the password");
    browser.findElement(By.id("sign-in")).click();
    assertThat(
            waiting()
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("problem")))
                .getText())
        .contains("do not match");

    signIn("vic");
    assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("vic (viewer)");
    assertThat(flowRow().getText()).contains(DashboardFixture.FLOW).contains("on");

    browser.findElement(By.id("sign-out")).click();
    waiting().until(ExpectedConditions.urlContains("/sign-in"));
    browser.get(fixture.base.resolve("/").toString());
    waiting().until(ExpectedConditions.urlContains("/sign-in"));
  }

  @Test
  void a_viewer_has_no_switches_and_is_refused_selective_sync() {
    signIn("vic");
    assertThat(flowRow().findElements(By.cssSelector("button.switch"))).isEmpty();

    browser.get(fixture.base.resolve("/sync").toString());

    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
    assertThat(browser.findElement(By.id("problem")).getText()).contains("needs the operator role");
    browser.get(fixture.base.resolve("/users").toString());
    assertThat(browser.findElement(By.id("problem")).getText()).contains("needs the admin role");
  }

  @Test
  void an_operator_switches_a_flow_off_and_on_from_the_overview() {
    signIn("ora");
    flowRow().findElement(By.cssSelector("button.switch")).click();
    waiting().until(d -> flowRow().getText().contains("Switch on"));
    assertThat(flowRow().findElement(By.cssSelector(".badge")).getText()).isEqualTo("off");
    assertThat(fixture.node.sync().flow(DashboardFixture.FLOW).enabled()).isFalse();

    flowRow().findElement(By.cssSelector("button.switch")).click();
    waiting().until(d -> flowRow().getText().contains("Switch off"));
    assertThat(fixture.node.sync().flow(DashboardFixture.FLOW).enabled()).isTrue();
  }

  @Test
  void an_operator_backfills_a_flow_after_confirming_and_sees_its_run() {
    signIn("ora");
    browser.get(fixture.base.resolve("/flows/" + DashboardFixture.FLOW).toString());
    browser.findElement(By.id("backfill")).click();
    waiting().until(ExpectedConditions.alertIsPresent()).accept();

    waiting()
        .until(d ->
            d.findElement(By.id("flow-notice"))
                .getText()
                .contains("The backfill of " + DashboardFixture.FLOW + " starts within seconds"));
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() ->
            fixture.node.sync().runs(DashboardFixture.FLOW, 50).stream()
                .anyMatch(r -> r.trigger().equals("backfill") && r.finishedAt().isPresent()));
    browser.navigate().refresh();
    waiting().until(d -> d.findElement(By.id("runs")).getText().contains("backfill"));
  }

  @Test
  void an_operator_sees_the_dry_run_difference_then_syncs_one_record() {
    var id = fixture.flows.usCustomers(1, "Selective Atelier").getFirst();
    signIn("ora");
    browser.get(fixture.base.resolve("/sync").toString());
    new Select(browser.findElement(By.id("type"))).selectByValue("customer");
    browser.findElement(By.id("record-id")).sendKeys(id);
    browser.findElement(By.id("go")).click();

    var dryRun =
        waiting()
            .until(
                ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#sync-report.dry-run")));
    assertThat(dryRun.getText())
        .contains("What a sync would do")
        .contains("would be created")
        .contains("Selective Atelier 0");
    assertThat(
            fixture
                .node
                .sync()
                .record(dev.syncline.core.model.RecordType.CUSTOMER, id)
                .flows()
                .getFirst()
                .link())
        .isEmpty();

    browser.findElement(By.id("write-now")).click();
    var done =
        waiting()
            .until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#sync-report.done")));
    assertThat(done.getText()).contains("What the sync did").contains("joor_us");
    assertThat(done.findElement(By.cssSelector(".report")).getAttribute("data-outcome"))
        .isEqualTo("written");
    assertThat(
            fixture
                .node
                .sync()
                .record(dev.syncline.core.model.RecordType.CUSTOMER, id)
                .flows()
                .getFirst()
                .link())
        .isPresent();
  }

  @Test
  void an_operator_resyncs_one_failed_record_from_the_queue() {
    signIn("ora");
    browser.get(fixture.base.resolve("/failed").toString());
    var group =
        waiting()
            .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#causes .group")));
    assertThat(group.getText()).contains("Missing price level: 2");
    var row = browser.findElement(By.cssSelector("#failed tbody tr"));
    assertThat(row.getText()).contains("Priceless Goods");

    row.findElement(By.cssSelector("button.resync-one")).click();

    var notice =
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("queue-notice")));
    assertThat(notice.getText()).isEqualTo("Queued 1 record again.");
    // Still missing its price level, so the resynced record fails again, and the queue shows it by
    // itself.
    await()
        .atMost(Duration.ofMinutes(1))
        .until(() -> fixture.node.sync().flow(DashboardFixture.FLOW).failedRecords() == 2);
    waiting()
        .until(d -> d.findElement(By.id("causes")).getText().contains("Missing price level: 2"));
  }

  @Test
  void the_failed_queue_stops_refreshing_itself_while_a_record_in_it_is_ticked() {
    signIn("ora");
    browser.get(fixture.base.resolve("/failed").toString());
    var js = (org.openqa.selenium.JavascriptExecutor) browser;
    waiting()
        .until(ExpectedConditions.elementToBeClickable(By.cssSelector("#failed input[name=ids]")))
        .click();
    // Each refresh the queue would make is asked for first (htmx:confirm); the dashboard's script
    // answers before this listener, added later, sees whether it was held back.
    js.executeScript(
        "window.refreshes = [];"
            + " document.addEventListener('htmx:confirm', function (e) {"
            + "   if (e.detail.elt.id === 'queue') { window.refreshes.push(e.defaultPrevented); } });");

    waiting()
        .until(d -> ((Number) js.executeScript("return window.refreshes.length")).intValue() > 0);
    assertThat(js.executeScript("return window.refreshes")).asList().containsOnly(true);

    js.executeScript(
        "document.querySelector('#failed input[name=ids]').checked = false;"
            + " document.activeElement.blur(); window.refreshes = [];");
    waiting()
        .until(
            d -> Boolean.TRUE.equals(js.executeScript("return window.refreshes.includes(false)")));
  }

  @Test
  void
      a_record_found_by_its_name_shows_as_a_person_knows_it_with_its_error_clear_of_the_line_above() {
    var id = fixture.flows.usCustomers(1, "Crème Brûlée 🍮").getFirst();
    fixture
        .node
        .sync()
        .syncRecord(
            dev.syncline.core.model.RecordType.CUSTOMER,
            id,
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            false,
            "test");
    signIn("vic");
    browser.get(fixture.base.resolve("/records").toString());
    browser.findElement(By.id("record-search")).sendKeys("creme brulee");
    browser.findElement(By.id("find")).click();
    waiting()
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("found")))
        .findElement(By.linkText("Crème Brûlée 🍮 0"))
        .click();

    assertThat(waiting().until(d -> d.findElement(By.id("record-title"))).getText())
        .isEqualTo("Customer " + id + " · Crème Brûlée 🍮 0");
    assertThat(browser.findElements(By.cssSelector("a.system-link")))
        .extracting(WebElement::getText)
        .containsExactly("open in NetSuite (netsuite)", "open in JOOR (joor_us)");

    var failing = badCustomers.getFirst();
    browser.get(fixture.base.resolve("/records/customer/" + failing).toString());
    assertThat(browser.findElement(By.id("record-title")).getText())
        .isEqualTo("Customer " + failing + " · Priceless Goods A");
    var line = browser.findElement(By.id("job-line")).getRect();
    var error = browser.findElement(By.cssSelector(".job-error"));
    assertThat(error.getText()).contains("price level");
    assertThat(error.getRect().getY())
        .as("the error box starts below the line above it, not over it")
        .isGreaterThanOrEqualTo(line.getY() + line.getHeight());
  }

  @Test
  void the_content_policy_is_in_force_an_inline_script_does_not_run_and_is_reported() {
    signIn("vic");
    var ran =
        ((org.openqa.selenium.JavascriptExecutor) browser)
            .executeScript(
                "var s = document.createElement('script');"
                    + " s.textContent = 'window.inlineRan = true';"
                    + " document.head.appendChild(s);"
                    + " return window.inlineRan === true;");

    assertThat(ran).isEqualTo(false);
    assertThat(policyViolations())
        .as("what the other tests look for")
        .anySatisfy(m -> assertThat(m).contains("script-src 'self'"));
  }

  @Test
  void a_flow_blocked_by_refused_credentials_shows_why_and_a_connection_test_resumes_it() {
    var flow = DashboardFixture.FLOW;
    var faults = fixture.flows.netsuiteFaults();
    try {
      // What NetSuite answers a refused login with (netsuite-api.md §5.1).
      faults.failNext(
          "*",
          ".*",
          -1,
          Faults.Fault.status(
              401,
              "{\"status\":401,\"title\":\"Unauthorized\",\"o:errorDetails\":[{\"detail\":"
                  + "\"Invalid login attempt.\",\"o:errorCode\":\"INVALID_LOGIN\"}]}"));
      fixture.node.sync().runNow(flow, "test");
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> fixture.node.sync().flow(flow).health().isPresent());

      signIn("ora");
      var banner = browser.findElement(By.id("health-" + flow));
      assertThat(banner.getText())
          .contains("Flow " + flow + " is blocked: source unreadable")
          .contains("INVALID_LOGIN")
          .contains("Check the base URL");
      assertThat(flowRow().getText()).contains("blocked").doesNotContain("up to date");
      browser.findElement(By.linkText(flow)).click();
      waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("runs")));
      assertThat(browser.findElement(By.cssSelector("h1 + .health-line + p")).getText())
          .as("the flow page tells what the overview does")
          .contains("blocked: source unreadable")
          .contains("Freshness: blocked.")
          .doesNotContain("up to date");

      browser.findElement(By.linkText("Connections")).click();
      waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("connections")));
      var netsuite = browser.findElement(By.id("connection-netsuite"));
      assertThat(netsuite.findElement(By.cssSelector(".credentials")).getText())
          .startsWith("refused since");
      assertThat(netsuite.getText()).contains("blocks " + flow).contains("INVALID_LOGIN");
      assertThat(netsuite.findElement(By.cssSelector(".limits")).getText())
          .contains("requests in flight: 0 of 5");

      faults.clear();
      browser.findElement(By.id("test-netsuite")).click();
      waiting()
          .until(d ->
              d.findElement(By.id("test-result-netsuite"))
                  .getText()
                  .contains("accepted the credentials"));
      assertThat(browser.findElement(By.id("test-result-netsuite")).getText())
          .contains(flow + " was blocked on it and scans again now.");
      browser.findElement(By.id("test-joor_us")).click();
      waiting()
          .until(d ->
              d.findElement(By.id("test-result-joor_us"))
                  .getText()
                  .contains("JOOR account 4001 accepted the credentials"));

      browser.get(fixture.base.resolve("/").toString());
      assertThat(browser.findElements(By.cssSelector(".health-line"))).isEmpty();
      browser.get(fixture.base.resolve("/connections").toString());
      assertThat(browser.findElement(By.cssSelector("#connection-netsuite .credentials")).getText())
          .startsWith("accepted since");
    } finally {
      faults.clear();
    }
  }

  @Test
  void the_overview_is_photographed_for_the_readme() throws IOException {
    signIn("ada");
    waiting()
        .until(d ->
            Boolean.TRUE.equals(
                ((org.openqa.selenium.JavascriptExecutor) d)
                    .executeScript(
                        "return typeof Chart !== 'undefined' && Chart.getChart(document.getElementById('activity')) !== undefined")));
    assertThat(browser.findElement(By.id("flow-count")).getText()).isEqualTo("1");

    var png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);

    var file = projectRoot().resolve("docs/images/overview.png");
    Files.createDirectories(file.getParent());
    Files.write(file, png);
    assertThat(Files.size(file)).isGreaterThan(10_000);
  }

  /** The repository's root: the module's parent, where the tests run from syncline-app. */
  private static Path projectRoot() {
    var here = Path.of("").toAbsolutePath();
    if (Files.exists(here.resolve("docs"))) {
      return here;
    }
    if (Files.exists(here.getParent().resolve("docs"))) {
      return here.getParent();
    }
    throw new UncheckedIOException(new IOException("No docs/ folder above " + here));
  }
}
