package io.github.lambdacontainer.service;

import static io.github.lambdacontainer.service.RunningService.query;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdacontainer.engine.GeneratedProject;
import io.github.lambdacontainer.engine.Option;
import io.github.lambdacontainer.engine.RefusedCombination;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real headless Chromium (Debian's chromium and chromium-driver, at the paths the build
 * names; Selenium Manager is never asked for anything): built from /metadata, Explore, Download, refused
 * combinations, the share link, 375 px, the keyboard, no console error.
 */
class GeneratorPageBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));

    private static RunningService service;
    private static Path downloads;
    private static Path profile;
    private WebDriver browser;

    /** Checked before each test, so that each is reported skipped with the reason (or fails where required). */
    private static void requireChromium() {
        RequiredChecks.requireOrSkip("browser", Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no Chromium at " + CHROMIUM + " or no chromedriver at " + CHROMEDRIVER
                        + " (Debian: apt-get install chromium chromium-driver; .ci/run installs them)");
    }

    @BeforeAll
    static void start() throws Exception {
        service = new RunningService();
        Path work = Files.createTempDirectory("browser-test");
        downloads = Files.createDirectories(work.resolve("downloads"));
        profile = Files.createDirectories(work.resolve("profile"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        requireChromium();
        browser = chromium();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile.resolve(String.valueOf(System.nanoTime())));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(driver, options);
    }

    private void open(String pathAndQuery) {
        browser.get(service.base + pathAndQuery);
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(page -> "true".equals(page.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    private WebElement control(String name) {
        List<WebElement> controls = browser.findElements(By.name(name));
        assertEquals(1, controls.size(), "one control named " + name);
        return controls.get(0);
    }

    private void assertNoConsoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
                errors.add(entry.getLevel() + " " + entry.getMessage());
            }
        }
        assertEquals(List.of(), errors, "console errors");
    }

    @Test
    void chooseExploreAndDownloadTheEnginesProject() throws Exception {
        browser.manage().window().setSize(new Dimension(1280, 1600));
        open("/");
        for (Option option : service.archetype.metadata().options()) {
            WebElement control = control(option.name());
            assertEquals(option.allowedValues().isEmpty() ? "input" : "select", control.getTagName(), option.name());
        }
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("groupId", "com.example.shop");
        answers.put("artifactId", "shop-api");
        answers.put("framework", "jersey");
        answers.put("database", "postgresql");
        control("groupId").sendKeys(answers.get("groupId"));
        control("artifactId").sendKeys(answers.get("artifactId"));
        new Select(control("framework")).selectByValue(answers.get("framework"));
        new Select(control("database")).selectByValue(answers.get("database"));

        GeneratedProject expected = service.archetype.generate(answers);
        String handler = "src/main/java/com/example/shop/LambdaHandler.java";
        assertTrue(expected.files().containsKey(handler), expected.files().keySet().toString());

        browser.findElement(By.id("explore")).click();
        WebElement file = new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(page -> page.findElement(By.cssSelector("#file-list button[data-path='" + handler + "']")));
        file.click();
        String shown = browser.findElement(By.id("file-content")).getText();
        String handlerText = new String(expected.files().get(handler).content(), StandardCharsets.UTF_8);
        assertEquals(handlerText.strip(), shown.strip(), "Explore shows the engine's handler");
        assertTrue(shown.toLowerCase(Locale.ROOT).contains("jersey"), "the jersey handler");

        String mvn = browser.findElement(By.id("mvn-command")).getText();
        assertEquals("mvn -B " + service.archetype.generateGoal()
                + " -DarchetypeGroupId=" + service.archetype.coordinates().groupId()
                + " -DarchetypeArtifactId=" + service.archetype.coordinates().artifactId()
                + " -DarchetypeVersion=" + service.archetype.coordinates().version()
                + " -DgroupId=com.example.shop -DartifactId=shop-api -Dframework=jersey -Ddatabase=postgresql", mvn);
        String curl = browser.findElement(By.id("curl-command")).getText();
        assertTrue(curl.contains(service.base + "/starter.zip") && curl.contains("-d framework=jersey"), curl);

        Path screenshot = Path.of(System.getProperty("screenshot.file", "target/generator-page.png"));
        if (Files.isDirectory(screenshot.getParent())) {
            ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
            Files.write(screenshot, ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        }

        browser.findElement(By.id("download-zip")).click();
        Path zip = downloads.resolve("shop-api.zip");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(page -> Files.isRegularFile(zip)
                && !Files.exists(downloads.resolve("shop-api.zip.crdownload")));
        TreeMap<String, ProjectArchives.Entry> entries = ProjectArchives.ofZip(Files.readAllBytes(zip));
        Map<String, ProjectArchives.Entry> files = new TreeMap<>();
        entries.forEach((name, entry) -> {
            if (!name.endsWith("/")) {
                files.put(name.substring("shop-api/".length()), entry);
            }
        });
        assertEquals(expected.files().keySet(), files.keySet());
        expected.files().forEach((path, projectFile) -> {
            assertArrayEquals(projectFile.content(), files.get(path).content(), path);
            assertEquals(ProjectArchive.modeOf(projectFile), files.get(path).mode(), path);
        });

        String share = browser.findElement(By.id("share-link")).getDomProperty("href");
        browser.manage().deleteAllCookies();
        browser.get("about:blank");
        browser.get(share);
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(page -> "true".equals(page.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        answers.forEach((name, value) -> assertEquals(value, control(name).getDomProperty("value"), "share link keeps " + name));
        assertNoConsoleErrors();
    }

    /** Each refused combination: once all but one of its values are chosen, the last is unavailable, with the reason. */
    @Test
    void refusedCombinationsAreShownUnavailableWithTheirReason() {
        open("/");
        assertFalse(service.archetype.metadata().refusedCombinations().isEmpty());
        for (RefusedCombination combination : service.archetype.metadata().refusedCombinations()) {
            List<Map.Entry<String, String>> when = new ArrayList<>(combination.when().entrySet());
            Map.Entry<String, String> last = when.get(when.size() - 1);
            open("/?" + query(Map.of()));
            for (Map.Entry<String, String> chosen : when.subList(0, when.size() - 1)) {
                new Select(control(chosen.getKey())).selectByValue(chosen.getValue());
            }
            WebElement choice = control(last.getKey()).findElement(By.cssSelector("option[value='" + last.getValue() + "']"));
            assertFalse(choice.isEnabled(), last + " unavailable once " + when.subList(0, when.size() - 1));
            WebElement reason = browser.findElement(By.id("option-" + last.getKey() + "-unavailable"));
            assertTrue(reason.isDisplayed());
            assertTrue(reason.getText().contains(combination.reason()), reason.getText());
        }
        // A share link with a refused combination: the reason shown, Download unavailable.
        Map<String, String> refused = new LinkedHashMap<>(service.archetype.metadata().refusedCombinations().get(0).when());
        open("/?" + query(refused));
        WebElement refusal = browser.findElement(By.id("refusal"));
        assertTrue(refusal.isDisplayed());
        assertTrue(refusal.getText().contains(service.archetype.metadata().refusedCombinations().get(0).reason()), refusal.getText());
        assertEquals("true", browser.findElement(By.id("download-zip")).getDomAttribute("aria-disabled"));
        assertNoConsoleErrors();
    }

    @Test
    void usableWithTheKeyboardAndAt375Pixels() {
        browser.manage().window().setSize(new Dimension(375, 812));
        open("/");
        long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth;");
        assertTrue(overflow <= 0, "no horizontal scrolling at 375 px: " + overflow + " px too wide");
        // Tab from the top reaches each option's control in order (typing the required ones), then the actions.
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        List<String> focused = new ArrayList<>();
        for (Option option : service.archetype.metadata().options()) {
            WebElement active = browser.switchTo().activeElement();
            focused.add(active.getDomAttribute("name"));
            if (option.defaultValue() == null) {
                active.sendKeys("typed");
            }
            active.sendKeys(Keys.TAB);
        }
        assertEquals(service.archetype.metadata().options().stream().map(Option::name).toList(), focused);
        WebElement download = browser.switchTo().activeElement();
        assertEquals("download-zip", download.getDomAttribute("id"), "Download follows the options");
        download.sendKeys(Keys.TAB);
        download = browser.switchTo().activeElement();
        assertEquals("download-tgz", download.getDomAttribute("id"));
        download.sendKeys(Keys.TAB);
        WebElement explore = browser.switchTo().activeElement();
        assertEquals("explore", explore.getDomAttribute("id"));
        explore.sendKeys(Keys.ENTER);
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(page -> page.switchTo().activeElement().getDomAttribute("data-path") != null);
        assertTrue(browser.findElement(By.id("file-content")).getText().length() > 0, "Enter on Explore shows the first file");
        overflow = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
        assertTrue(overflow <= 0, "the explorer fits 375 px too: " + overflow + " px too wide");
        assertNoConsoleErrors();
    }

    /** An option added to the archetype (its metadata) appears on the page without touching the page. */
    @Test
    void anOptionAddedToTheArchetypeAppearsByItself(@TempDir Path work) throws Exception {
        Path jar = withExtraOption(GeneratorService.archetypeOnClassPath(), work.resolve("extended-archetype.jar"),
                "deploymentStage", "dev");
        try (io.github.lambdacontainer.engine.Archetype extended = io.github.lambdacontainer.engine.Archetype.open(jar);
             GeneratorServer server = new GeneratorServer(extended, "127.0.0.1", 0, ServiceLimits.DEFAULTS).start()) {
            browser.get("http://127.0.0.1:" + server.address().getPort() + "/");
            new WebDriverWait(browser, Duration.ofSeconds(20))
                    .until(page -> "true".equals(page.findElement(By.tagName("body")).getDomAttribute("data-ready")));
            WebElement added = control("deploymentStage");
            assertEquals("dev", added.getDomAttribute("placeholder"));
            assertEquals(extended.metadata().options().size(), browser.findElements(By.cssSelector("#options [name]")).size());
        }
    }

    /** A copy of the archetype jar whose archetype-metadata.xml has one more required property. */
    private static Path withExtraOption(Path archetypeJar, Path copy, String name, String defaultValue) throws IOException {
        try (ZipFile in = new ZipFile(archetypeJar.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                byte[] content;
                try (InputStream stream = in.getInputStream(entry)) {
                    content = stream.readAllBytes();
                }
                if (entry.getName().equals("META-INF/maven/archetype-metadata.xml")) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    String added = "<requiredProperty key=\"" + name + "\"><defaultValue>" + defaultValue
                            + "</defaultValue></requiredProperty>\n  </requiredProperties>";
                    assertTrue(xml.contains("</requiredProperties>"));
                    content = xml.replace("</requiredProperties>", added).getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        return copy;
    }
}
