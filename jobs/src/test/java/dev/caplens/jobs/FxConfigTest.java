package dev.caplens.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caplens.transform.FxRates;
import dev.caplens.transform.TransformParams;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config's {@code fx} table becomes the transform's reporting currency, or a usage error naming the key. */
class FxConfigTest {

  @TempDir
  Path dir;

  private CaplensConfig config(String yaml) throws Exception {
    Path file = dir.resolve("caplens.yaml");
    Files.writeString(file, yaml);
    return CaplensConfig.load(file);
  }

  @Test
  void ratesAreReadAsExactDecimals() throws Exception {
    TransformParams params = config("fx:\n  reporting-currency: USD\n  rates:\n    CNY: 0.14\n").transformParams();

    FxRates fx = params.fx().orElseThrow();
    assertThat(fx.reportingCurrency()).isEqualTo("USD");
    assertThat(fx.ratesPerUnit().get("CNY")).isEqualByComparingTo("0.14").hasScaleOf(2);
  }

  @Test
  void withoutFxCurrenciesStayApart() throws Exception {
    assertThat(config("transform:\n  max-carry-hours: 2\n").transformParams().fx()).isEmpty();
    assertThat(CaplensConfig.EMPTY.transformParams().fx()).isEmpty();
  }

  @Test
  void badTablesAreUsageErrorsNamingTheKey() throws Exception {
    assertThatThrownBy(() -> config("fx:\n  reporting-currency: US Dollar\n").transformParams())
        .isInstanceOf(UsageException.class)
        .hasMessage("config key 'fx': fx.reporting-currency: unknown currency 'US Dollar' (expected an ISO 4217 code such as USD)");
    assertThatThrownBy(() -> config("fx:\n  reporting-currency: USD\n  rates:\n    CNY: -0.14\n").transformParams())
        .hasMessage("config key 'fx': fx.rates.CNY must be a positive number of USD per CNY, was -0.14");
    assertThatThrownBy(() -> config("fx:\n  reporting-currency: USD\n  rate:\n    CNY: 0.14\n"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("key 'fx.rate': unknown key");
    assertThatThrownBy(() -> config("fx:\n  reporting-currency: USD\n  rates:\n    CNY: cheap\n"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("key 'fx.rates.CNY'");
  }
}
