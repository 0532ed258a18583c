package dev.caplens.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReportWriterTest {

  @TempDir
  Path dir;

  @Test
  void writesPlainDecimalsEmptyUnknownsAndSafeText() throws Exception {
    ReportTable table = new ReportTable(List.of("reservation_id", "idle_cost", "utilisation", "tag", "hours"),
        List.of(
            Arrays.asList("cr-1", new BigDecimal("16.1280000000"), new BigDecimal("0.3"), "=HYPERLINK(\"x\")", 240L),
            Arrays.asList("cr-2", null, null, "a,b\nc", new BigDecimal("1E+3")),
            Arrays.asList("cr-3", new BigDecimal("-0.5"), BigDecimal.ZERO.setScale(10), "+cmd", 0)));
    Path file = dir.resolve("reservations.csv");

    CsvReportWriter.write(file, table);

    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(
        "reservation_id,idle_cost,utilisation,tag,hours\n"
            + "cr-1,16.128,0.3,\"'=HYPERLINK(\"\"x\"\")\",240\n"
            + "cr-2,,,\"a,b\nc\",1000\n"
            + "cr-3,-0.5,0,'+cmd,0\n");
    assertThat(dir.resolve(".reservations.csv.tmp")).doesNotExist();
  }

  @Test
  void neutralisesEveryFormulaPrefixButLeavesOrdinaryText() {
    assertThat(CsvReportWriter.neutralise("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(CsvReportWriter.neutralise("-2+3")).isEqualTo("'-2+3");
    assertThat(CsvReportWriter.neutralise("\tx")).isEqualTo("'\tx");
    assertThat(CsvReportWriter.neutralise("\rx")).isEqualTo("'\rx");
    assertThat(CsvReportWriter.neutralise("web-fleet")).isEqualTo("web-fleet");
    assertThat(CsvReportWriter.neutralise("")).isEmpty();
  }

  @Test
  void rejectsARowOfTheWrongWidth() {
    assertThatThrownBy(() -> new ReportTable(List.of("a", "b"), List.of(List.of("x"))))
        .hasMessageContaining("1 cells for 2 columns");
  }
}
