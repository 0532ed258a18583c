package dev.caplens.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * summary.html in a real browser (headless Chromium): the page loads with its tables and the
 * trend chart drawn, and a reservation id carrying a script shows as text and runs nothing.
 */
class SummaryBrowserTest {

  private static final int WIDTH = 1000;
  private static final int HEIGHT = 2600;

  @TempDir
  static Path dir;
  static HeadlessChromium chromium;
  static Path page;

  @BeforeAll
  static void writeSummary() throws Exception {
    chromium = HeadlessChromium.find(dir);
    page = dir.resolve(ReportFiles.SUMMARY);
    SummaryReport.write(page, SummaryFixture.input());
  }

  @Test
  void pageLoadsWithItsTablesAndChart() throws Exception {
    String dom = chromium.dumpDom(page);
    assertThat(dom).contains("<title>caplens: reserved capacity 2026-11-20</title>");
    for (String table : new String[] {"headline-USD", "headline-CNY", "accounts", "top-idle", "capacity-blocks",
        "capacity-tasks", "data-quality", "unreadable"}) {
      assertThat(dom).as("table " + table).contains("<table id=\"" + table + "\"");
    }
    assertThat(dom).contains("<img id=\"trend-chart\" src=\"data:image/png;base64,");

    Path screenshot = dir.resolve("summary.png");
    chromium.screenshot(page, screenshot, WIDTH, HEIGHT);
    BufferedImage image = ImageIO.read(screenshot.toFile());
    assertThat(image.getWidth()).isEqualTo(WIDTH);
    // The chart's series colours appear nowhere else on the page: finding them proves the PNG decoded and drew.
    assertThat(pixelsNear(image, TrendChart.USED)).as("used bars on screen").isGreaterThan(500);
    assertThat(pixelsNear(image, TrendChart.IDLE)).as("idle bars on screen").isGreaterThan(500);
  }

  @Test
  void scriptInACloudValueShowsAsTextAndRunsNothing() throws Exception {
    String dom = chromium.dumpDom(page);
    assertThat(dom).contains("cr-1&lt;script&gt;document.title='pwned'&lt;/script&gt;&lt;img src=x onerror=");
    assertThat(dom).doesNotContain("pwned</title>").doesNotContain("data-pwned=\"1\"");
  }

  @Test
  void theSameBrowserRunsAScriptThatIsMarkup() throws Exception {
    // Control for the test above: were scripts off in this browser, "runs nothing" would prove nothing.
    Path live = dir.resolve("live.html");
    Files.writeString(live, "<html><head><title>t</title></head><body>" + "<script>document.title='pwned'</script>"
        + "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\"></body></html>", StandardCharsets.UTF_8);
    String dom = chromium.dumpDom(live);
    assertThat(dom).contains("<title>pwned</title>").contains("data-pwned=\"1\"");
  }

  private static long pixelsNear(BufferedImage image, Color colour) {
    long count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        Color c = new Color(image.getRGB(x, y));
        if (Math.abs(c.getRed() - colour.getRed()) <= 4 && Math.abs(c.getGreen() - colour.getGreen()) <= 4
            && Math.abs(c.getBlue() - colour.getBlue()) <= 4) {
          count++;
        }
      }
    }
    return count;
  }
}
