package dev.hpo.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import com.fasterxml.jackson.databind.JsonNode;

import dev.hpo.embedded.FreePorts;

/**
 * The dashboard in a real browser: Debian's headless Chromium, driven by Selenium through Debian's chromedriver,
 * over the packaged services training real Fashion-MNIST. It watches an epoch arrive on a running study's page
 * without a reload, sorts the leaderboard, opens a trial, and saves a screenshot of each page under
 * {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserEndToEndTest {

    private static final Duration PAGE_PATIENCE = Duration.ofSeconds(90);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private LocalStack stack;
    private String dashboardUrl;
    private StudyClient client;
    private WebDriver browser;
    private String runningId;
    private String hyperbandId;
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @BeforeAll
    void startStackDashboardAndBrowser() throws IOException {
        Path root = Path.of(System.getProperty("hpo.root", "../..")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("hpo-browser-e2e-");
        StackConfig config = new StackConfig(root, data, FreePorts.find(), FreePorts.find(), FreePorts.find(),
                FreePorts.find(), FreePorts.find(), 1);
        PrintStream out = new PrintStream(progress, true, StandardCharsets.UTF_8);
        stack = LocalStack.start(config, out);
        dashboardUrl = config.dashboardUrl();
        client = new StudyClient(config.apiUrl(), stack.token());
        Files.createDirectories(SCREENSHOTS);
        browser = startBrowser();
    }

    @AfterAll
    void stop() throws IOException, InterruptedException {
        if (browser != null) {
            browser.quit();
        }
        System.out.println(progress.toString(StandardCharsets.UTF_8));
        if (stack != null) {
            stack.close();
        }
    }

    private String bootstrapServers() {
        return stack.infrastructure().kafka().bootstrapServers();
    }

    private static WebDriver startBrowser() throws IOException {
        String chromium = Optional.ofNullable(System.getenv("HPO_CHROMIUM")).orElse("/usr/bin/chromium");
        String driver = Optional.ofNullable(System.getenv("HPO_CHROMEDRIVER")).orElse("/usr/bin/chromedriver");
        assertTrue(Files.isExecutable(Path.of(chromium)), chromium + " is missing: install Debian's chromium");
        assertTrue(Files.isExecutable(Path.of(driver)), driver + " is missing: install Debian's chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--user-data-dir=" + Files.createTempDirectory("hpo-selenium-"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
                .usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return browser;
    }

    private JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }

    private Object script(String code) {
        return js().executeScript(code);
    }

    private void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "waited " + timeout + " for " + what + " on "
                    + browser.getCurrentUrl() + stack.deadService().map(d -> "; " + d).orElse(""));
            Thread.sleep(250);
        }
    }

    /**
     * Runs {@code code} until it returns something other than null and returns that. Pages swap their live parts
     * on every event, so each read is one script: it looks its elements up and reads them at once, and answers
     * null while what it reads is not there yet (a chart whose element was just replaced, before charts.js drew it).
     */
    private Object awaitScript(String what, Duration timeout, String code) throws InterruptedException {
        Object[] value = new Object[1];
        await(what, timeout, () -> (value[0] = script(code)) != null);
        return value[0];
    }

    /** The text of the element with this id, read in one script; null while there is none. */
    private static String textOf(String id) {
        return "var e = document.getElementById('" + id + "'); return e ? e.textContent : null;";
    }

    private long epochsReported(String studyId) throws IOException {
        long epochs = 0;
        for (JsonNode trial : client.trials(studyId)) {
            epochs += trial.path("epochs").size();
        }
        return epochs;
    }

    private String epochsShown() {
        return String.valueOf(script("var e = document.getElementById('epochs-spent');"
                + " return e ? e.textContent.trim() : '';"));
    }

    private boolean chartsDrawn(String... ids) {
        for (String id : ids) {
            Object drawn = script("var e = document.getElementById('" + id + "'); return e && e.dataset.drawn;");
            if (drawn == null) {
                return false;
            }
        }
        return true;
    }

    /** A screenshot of the whole page: the window is made as tall as the page first. */
    private Path screenshot(String name, int width) throws IOException, InterruptedException {
        browser.manage().window().setSize(new Dimension(width, 1000));
        long height = ((Number) script("return Math.ceil(document.documentElement.scrollHeight);")).longValue();
        browser.manage().window().setSize(new Dimension(width, (int) Math.min(height + 140, 8_000)));
        Thread.sleep(500); // charts redraw on resize
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(new Dimension(1400, 1000));
        System.out.println("screenshot " + file.toAbsolutePath());
        return file;
    }

    @Test
    @Order(1)
    void runningStudyPageShowsANewEpochWithoutReloading() throws Exception {
        runningId = client.submit(WorkedExample.randomSearch(3, 6, 1, null)).path("id").asText();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (epochsReported(runningId) == 0) {
            assertTrue(System.nanoTime() < deadline, "no epoch reported" + stack.deadService().map(d -> "; " + d)
                    .orElse(""));
            Thread.sleep(250);
        }
        browser.get(dashboardUrl + "/studies/" + runningId);
        await("the page to subscribe to the study's events", PAGE_PATIENCE,
                () -> "connected".equals(script("return document.body.dataset.liveState;")));
        script("window.hpoNotReloaded = true;");
        String before = epochsShown();
        assertTrue(before.matches("\\d+ / 18"), "epochs spent / budget: " + before);

        long until = System.nanoTime() + PAGE_PATIENCE.toNanos();
        while (epochsShown().equals(before)) {
            assertTrue(System.nanoTime() < until, "no new epoch appeared on the page within " + PAGE_PATIENCE
                    + " (still " + before + ")" + stack.deadService().map(d -> "; " + d).orElse(""));
            Thread.sleep(250);
        }
        assertEquals(Boolean.TRUE, script("return window.hpoNotReloaded === true;"), "the page was reloaded");
        assertTrue(Integer.parseInt(String.valueOf(script("return document.body.dataset.refreshes || '0';"))) > 0);
        System.out.println("epochs on the page went from " + before + " to " + epochsShown() + " without a reload");
        await("the charts", PAGE_PATIENCE, () -> chartsDrawn("curves-chart", "parallel-chart"));
        screenshot("study-running", 1400);
    }

    @Test
    @Order(2)
    void studiesPageListsTheRunningStudy() throws Exception {
        browser.get(dashboardUrl + "/");
        // #studies-section is swapped on every epoch: look the link up and read it in one script
        String name = String.valueOf(awaitScript("the running study's row", PAGE_PATIENCE,
                "var a = document.querySelector(\"tr[data-study-id='" + runningId + "'] a\");"
                        + " return a ? a.textContent.trim() : null;"));
        assertTrue(name.startsWith("fashion-mnist"), name);
        screenshot("studies", 1400);
    }

    @Test
    @Order(3)
    void leaderboardSortsByAColumnOnTheServer() throws Exception {
        await("a second trial", Duration.ofMinutes(5), () -> {
            try {
                return client.leaderboard(runningId).size() >= 2;
            } catch (IOException e) {
                return false;
            }
        });
        browser.get(dashboardUrl + "/studies/" + runningId);
        click(By.cssSelector("#leaderboard th a[data-sort='p:units']"));
        await("the sorted page", PAGE_PATIENCE, () -> browser.getCurrentUrl().contains("sort=p%3Aunits&dir=asc"));
        List<Long> units = unitsColumn();
        assertTrue(units.size() >= 2, "rows: " + units);
        for (int i = 1; i < units.size(); i++) {
            assertTrue(units.get(i - 1) <= units.get(i), "not ascending: " + units);
        }
        click(By.cssSelector("#leaderboard th a[data-sort='p:units']"));
        await("the reversed page", PAGE_PATIENCE, () -> browser.getCurrentUrl().contains("dir=desc"));
        List<Long> reversed = unitsColumn();
        for (int i = 1; i < reversed.size(); i++) {
            assertTrue(reversed.get(i - 1) >= reversed.get(i), "not descending: " + reversed);
        }
        // read in one script: a live refresh may replace the header between a lookup and a read
        assertEquals("p:units", script("var a = document.querySelector(\"#leaderboard th[aria-sort='descending'] a\");"
                + " return a && a.dataset.sort;"));
        screenshot("study-sorted-by-units", 1400);
    }

    /** Clicks an element, looking it up again if a live refresh replaced it meanwhile. */
    private void click(By locator) {
        for (int attempt = 1; ; attempt++) {
            try {
                browser.findElement(locator).click();
                return;
            } catch (StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** The units column, read in one script so a live refresh cannot swap the table halfway. */
    @SuppressWarnings("unchecked")
    private List<Long> unitsColumn() {
        List<Object> cells = (List<Object>) script(
                "var heads = Array.from(document.querySelectorAll('#leaderboard thead th'));"
                        + " var i = heads.findIndex(function (h) { return h.textContent.trim().indexOf('units') === 0; });"
                        + " return Array.from(document.querySelectorAll('#leaderboard tbody tr'))"
                        + ".map(function (r) { return r.children[i].textContent.trim(); });");
        List<Long> values = new ArrayList<>();
        cells.forEach(c -> values.add(Long.parseLong(String.valueOf(c))));
        return values;
    }

    @Test
    @Order(4)
    void trialPageShowsMetricsCurvesAndTimeline() throws Exception {
        browser.get(dashboardUrl + "/studies/" + runningId);
        click(By.cssSelector("#leaderboard tbody tr:first-child td:nth-child(2) a"));
        await("the trial page", PAGE_PATIENCE, () -> browser.getCurrentUrl().contains("/trials/"));
        await("the trial's charts", PAGE_PATIENCE, () -> chartsDrawn("loss-chart", "accuracy-chart"));
        assertTrue(browser.findElements(By.cssSelector("#metrics-table tbody tr")).size() >= 1, "metrics rows");
        assertTrue(browser.findElements(By.cssSelector(".timeline li")).size() >= 2, "timeline entries");
        assertTrue(browser.findElement(By.id("params")).getText().contains("learning_rate"));
        screenshot("trial", 1400);
    }

    @Test
    @Order(5)
    void finishedStudyPageOnAPhone() throws Exception {
        new StudyWatcher(client, new PrintStream(progress, true, StandardCharsets.UTF_8))
                .awaitCompletion(runningId, Duration.ofMinutes(10), stack::deadService);
        browser.get(dashboardUrl + "/studies/" + runningId);
        await("the charts", PAGE_PATIENCE, () -> chartsDrawn("curves-chart", "parallel-chart"));
        // the h1 holding the status is swapped on every refresh
        String status = String.valueOf(awaitScript("the study's status", PAGE_PATIENCE, textOf("study-status")));
        assertTrue(status.contains("COMPLETED"), status);
        screenshot("study-completed-phone", 390);
    }

    @Test
    @Order(6)
    void hyperbandStudyPageShowsBracketsAndRungMarkers() throws Exception {
        hyperbandId = client.submit(WorkedExample.hyperband(3, 3, 1, 2_000)).path("id").asText();
        new StudyWatcher(client, new PrintStream(progress, true, StandardCharsets.UTF_8))
                .awaitCompletion(hyperbandId, Duration.ofMinutes(10), stack::deadService);
        browser.get(dashboardUrl + "/studies/" + hyperbandId);
        await("the charts", PAGE_PATIENCE, () -> chartsDrawn("curves-chart", "parallel-chart"));
        assertTrue(browser.findElements(By.cssSelector("#brackets table.bracket")).size() >= 2, "brackets");
        assertTrue(browser.findElements(By.cssSelector("#brackets .outcome.promoted")).size() >= 1, "a promotion");
        screenshot("study-hyperband", 1400);
    }

    @Test
    @Order(7)
    void rangeTestPageDrawsTheLossAgainstTheLearningRateWithTheSuggestedRange() throws Exception {
        Path spec = Path.of(System.getProperty("hpo.root", "../..")).resolve("docs/examples/lr-range-test.json");
        String id = client.submit(Files.readString(spec)).path("id").asText();
        new StudyWatcher(client, new PrintStream(progress, true, StandardCharsets.UTF_8))
                .awaitCompletion(id, Duration.ofMinutes(10), stack::deadService);
        browser.get(dashboardUrl + "/studies/" + id);
        await("the range test chart", PAGE_PATIENCE, () -> chartsDrawn("range-chart"));
        // #range-test is swapped on every refresh, and its new chart has no ECharts instance until charts.js has
        // redrawn it: read the text and the axis each in one script, and wait for an instance with an option
        String suggested = String.valueOf(awaitScript("the suggested range", PAGE_PATIENCE,
                textOf("suggested-range")));
        assertTrue(suggested.contains("Suggested learning rate range"), suggested);
        Object logAxis = awaitScript("the range chart's option", PAGE_PATIENCE,
                "var e = document.getElementById('range-chart'); var c = e && echarts.getInstanceByDom(e);"
                        + " var o = c && c.getOption(); return o && o.xAxis ? o.xAxis[0].type : null;");
        assertEquals("log", logAxis);
        screenshot("study-range-test", 1400);
    }

    @Test
    @Order(8)
    void runnersPageAnswersEvenBeforeStudyServiceReportsRunners() throws Exception {
        browser.get(dashboardUrl + "/runners");
        // #runners-section is swapped on every event
        String text = String.valueOf(awaitScript("the runners section", PAGE_PATIENCE, textOf("runners-section")));
        assertTrue(text.contains("runner-1") || text.contains("Not available yet") || text.contains("No runner"),
                text);
        screenshot("runners", 1400);
    }
}
