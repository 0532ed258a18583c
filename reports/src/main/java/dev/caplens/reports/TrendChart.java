package dev.caplens.reports;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The summary's daily trend: used and idle instance-hours per day, stacked, over every provider
 * and account (daily.csv's owned_* measures; hours add up across currencies, costs would not).
 * A PNG, because mail clients drop inline SVG.
 */
public final class TrendChart {

  public static final int WIDTH = 700;
  public static final int HEIGHT = 280;
  /** Series colours; the browser test looks for them in a screenshot to prove the image rendered. */
  public static final Color USED = new Color(0x2f, 0x8f, 0x4e);
  public static final Color IDLE = new Color(0xd9, 0x6c, 0x1e);

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private TrendChart() {}

  /** Used and idle instance-hours per date of {@code daily}, in date order. */
  static Map<LocalDate, BigDecimal[]> usedAndIdleByDay(ReportTable daily) {
    Map<LocalDate, BigDecimal[]> byDay = new TreeMap<>();
    for (List<Object> row : daily.rows()) {
      LocalDate date = LocalDate.parse(daily.text(row, "date"));
      BigDecimal[] sums = byDay.computeIfAbsent(date, d -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      sums[0] = sums[0].add(orZero(daily.decimal(row, "owned_used_instance_hours")));
      sums[1] = sums[1].add(orZero(daily.decimal(row, "owned_idle_instance_hours")));
    }
    return byDay;
  }

  public static byte[] png(ReportTable daily) {
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    usedAndIdleByDay(daily).forEach((date, sums) -> {
      dataset.addValue(sums[0], "Used", date.toString());
      dataset.addValue(sums[1], "Idle", date.toString());
    });
    JFreeChart chart = ChartFactory.createStackedBarChart(null, null, "instance-hours", dataset,
        PlotOrientation.VERTICAL, true, false, false);
    chart.setBackgroundPaint(Color.WHITE);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xd9, 0xdd, 0xe3));
    BarRenderer renderer = (BarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setMaximumBarWidth(0.08);
    renderer.setSeriesPaint(0, USED);
    renderer.setSeriesPaint(1, IDLE);
    BufferedImage image = chart.createBufferedImage(WIDTH, HEIGHT);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode the trend chart as PNG", e);
    }
    return png.toByteArray();
  }

  private static BigDecimal orZero(BigDecimal value) {
    return value == null ? BigDecimal.ZERO : value;
  }
}
