package io.provisio.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console of one server in headless Chromium, used as an administrator uses it: sign in,
 * follow the nav, click, type and read what is shown. Every wait is for a condition (20 s at most).
 */
final class ConsoleBrowser implements AutoCloseable {

  private final String base;
  private final Path profileDir;
  private final Path downloads;
  private final ChromeDriver driver;
  private final WebDriverWait wait;

  private ConsoleBrowser(String base, Path profileDir, Path downloads) {
    this.base = base.endsWith("/") ? base : base + "/";
    this.profileDir = profileDir;
    this.downloads = downloads;
    this.driver = HeadlessChromium.start(profileDir, downloads);
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(100));
    wait.ignoring(StaleElementReferenceException.class);
  }

  /** A fresh browser (profile and downloads folder of its own) for the server at {@code base}. */
  static ConsoleBrowser open(String base) throws IOException {
    return new ConsoleBrowser(base, Files.createTempDirectory("provisio-console-chromium"),
        Files.createTempDirectory("provisio-console-downloads"));
  }

  ChromeDriver driver() {
    return driver;
  }

  WebDriverWait await() {
    return wait;
  }

  Path downloads() {
    return downloads;
  }

  String console() {
    return base + "console/";
  }

  void signIn(String email, String password) {
    driver.get(console());
    type(By.id("login-email"), email);
    type(By.id("login-password"), password);
    click(By.id("login-submit"));
    visible(By.id("app-view"));
  }

  /** Follows the nav link of a page and, if {@code expectPage}, waits for the page to be rendered. */
  void go(String page, boolean expectPage) {
    By link = By.cssSelector("a[data-nav='" + page + "']");
    // the navigation is built once the session is read: wait for the link, then open the menu
    // only where the layout folds it away (narrow windows)
    wait.until(d -> !d.findElements(link).isEmpty());
    if (!driver.findElement(link).isDisplayed()) {
      click(By.id("nav-toggle"));
    }
    click(link);
    if (expectPage) {
      onPage(page);
    }
  }

  void go(String page) {
    go(page, true);
  }

  void onPage(String page) {
    visible(By.cssSelector("#page .view[data-page='" + page + "']"));
  }

  WebElement visible(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  String text(By by) {
    return driver.findElement(by).getText();
  }

  String value(By by) {
    return visible(by).getDomProperty("value");
  }

  /** Clicks once the element is clickable (retrying while e.g. a toast or a repaint is in the way). */
  void click(By by) {
    wait.ignoring(ElementClickInterceptedException.class)
        .until(d -> {
          WebElement el = ExpectedConditions.elementToBeClickable(by).apply(d);
          if (el == null) return false;
          el.click();
          return true;
        });
  }

  void type(By by, String text) {
    WebElement el = visible(by);
    el.clear();
    if (!text.isEmpty()) {
      el.sendKeys(text);
    }
  }

  /** Saves the whole page as a PNG (the window grows to the page's height for the shot). */
  void screenshot(String name) {
    String dir = System.getProperty("provisio.it.screenshots", "target/screenshots");
    try {
      Path folder = Files.createDirectories(Path.of(dir));
      Dimension size = driver.manage().window().getSize();
      long height = (Long) ((JavascriptExecutor) driver).executeScript(
          "return Math.ceil(Math.max(document.documentElement.scrollHeight, document.body.scrollHeight));");
      boolean grow = height > size.getHeight() - 100 && driver.findElements(By.cssSelector("dialog[open]")).isEmpty();
      if (grow) {
        driver.manage().window().setSize(new Dimension(size.getWidth(), (int) Math.min(height + 160, 4000)));
      }
      byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      if (grow) {
        driver.manage().window().setSize(size);
      }
      Files.write(folder.resolve(name + ".png"), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Quits the browser and deletes its profile and downloads. */
  @Override
  public void close() throws IOException {
    driver.quit();
    for (Path dir : new Path[] {profileDir, downloads}) {
      if (Files.exists(dir)) {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }
}
