package dev.caplens.bench;

import java.util.ArrayList;
import java.util.List;

/** The figures a run prints: one row per measurement, as a Markdown table for docs/benchmarks.md. */
final class FiguresTable {

  record Figure(String benchmark, String size, String measure, String value, String target) {}

  private final List<Figure> figures = new ArrayList<>();

  void add(String benchmark, String size, String measure, String value, String target) {
    Figure figure = new Figure(benchmark, size, measure, value, target);
    figures.add(figure);
    System.err.println("  " + String.join(" | ", benchmark, size, measure, value, target));
  }

  String markdown() {
    StringBuilder out = new StringBuilder("| benchmark | size | measure | value | target |\n| --- | --- | --- | --- | --- |\n");
    for (Figure f : figures) {
      out.append("| ").append(String.join(" | ", f.benchmark(), f.size(), f.measure(), f.value(), f.target()))
          .append(" |\n");
    }
    return out.toString();
  }

  static String seconds(long nanos) {
    return String.format("%.2f s", nanos / 1e9);
  }

  static String ratio(double value) {
    return String.format("%.2f", value);
  }
}
