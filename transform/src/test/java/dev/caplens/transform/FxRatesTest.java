package dev.caplens.transform;

import static dev.caplens.transform.MartRun.dec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caplens.transform.SnapshotFixture.Res;
import java.math.BigDecimal;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class FxRatesTest {

  private static final FxRates USD = new FxRates("USD", Map.of("CNY", new BigDecimal("0.14")));

  @Test
  void convertsEveryPriceToTheReportingCurrency() {
    PriceList converted = USD.convert(MartRun.priceList(
        "aws,us-east-1,m5.large,Linux/UNIX,on-demand,0.096,USD",
        "aliyun,cn-hangzhou,ecs.g7.large,*,on-demand,0.69,CNY",
        "aliyun,cn-hangzhou,ecs.c7.xlarge,*,on-demand,1.12,CNY"));

    // 0.69 CNY x 0.14 USD/CNY = 0.0966 USD; 1.12 x 0.14 = 0.1568; USD stays as it is
    assertThat(converted.prices()).extracting(p -> p.instanceType() + " " + p.hourlyRate().toPlainString() + " " + p.currency())
        .containsExactly("m5.large 0.09600000 USD", "ecs.g7.large 0.09660000 USD", "ecs.c7.xlarge 0.15680000 USD");
  }

  @Test
  void roundsTheConvertedRateHalfUpToEightPlaces() {
    // 0.12345678 x 0.5 = 0.06172839; 0.00000003 x 0.5 = 0.000000015 -> 0.00000002
    assertThat(FxRates.convert(new BigDecimal("0.12345678"), new BigDecimal("0.5"))).isEqualByComparingTo("0.06172839");
    assertThat(FxRates.convert(new BigDecimal("0.00000003"), new BigDecimal("0.5"))).isEqualByComparingTo("0.00000002");
  }

  @Test
  void aCurrencyWithoutARateIsAnErrorNamingIt() {
    assertThatThrownBy(() -> new FxRates("USD", Map.of()).convert(MartRun.priceList(
        "aliyun,cn-hangzhou,ecs.g7.large,*,on-demand,0.69,CNY")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fx: no rate for CNY to USD (needed by 1 CNY price(s), e.g. aliyun,cn-hangzhou,ecs.g7.large,*,on-demand); "
            + "add fx.rates.CNY");
  }

  @Test
  void badTablesAreErrorsNamingTheKey() {
    assertThatThrownBy(() -> new FxRates("usd", Map.of()))
        .hasMessage("fx.reporting-currency: unknown currency 'usd' (expected an ISO 4217 code such as USD)");
    assertThatThrownBy(() -> new FxRates(null, Map.of()))
        .hasMessage("fx.reporting-currency is empty; expected an ISO 4217 code such as USD");
    assertThatThrownBy(() -> new FxRates("USD", Map.of("RMB", BigDecimal.ONE)))
        .hasMessage("fx.rates: unknown currency 'RMB' (expected an ISO 4217 code such as USD)");
    assertThatThrownBy(() -> new FxRates("USD", Map.of("CNY", BigDecimal.ZERO)))
        .hasMessage("fx.rates.CNY must be a positive number of USD per CNY, was 0");
    assertThatThrownBy(() -> new FxRates("USD", Map.of("USD", new BigDecimal("1.1"))))
        .hasMessage("fx.rates.USD is the reporting currency itself; its rate must be 1, was 1.1");
  }

  /**
   * An ODCR (m5.large 0.096 USD) and a pool (ecs.g7.large 0.69 CNY), observed at 00:00 and carried
   * through 2026-11-20, reported in USD at 0.14 USD per CNY.
   */
  @Test
  void martsCarryTheReportingCurrencyForEveryProvider() {
    SnapshotFixture fixture = new SnapshotFixture();
    fixture.scope("111111111111", "us-east-1").at("2026-11-20T00:00:00Z")
        .lists(Res.odcr("cr-1", "111111111111").start("2026-11-01T00:00:00Z").counts(10, 4))
        .usage("cr-1", "111111111111", 6);
    fixture.aliyunScope("5123456789012345", "cn-hangzhou").at("2026-11-20T00:00:00Z")
        .lists(Res.pool("crp-1", "5123456789012345", "cn-hangzhou-h", "ecs.g7.large").start("2026-11-01T00:00:00Z")
            .amounts(10, 6, 4))
        .resourceUsage("crp-1", "cn-hangzhou-h", "ecs.g7.large", "5123456789012345", 6);

    MartRun run = MartRun.of(fixture, "2026-11-20", "2026-11-20", TransformParams.defaults().withFx(USD),
        "aws,us-east-1,m5.large,Linux/UNIX,on-demand,0.096,USD",
        "aliyun,cn-hangzhou,ecs.g7.large,*,on-demand,0.69,CNY");

    Row pool = run.reservation("crp-1", "2026-11-20");
    assertThat(pool.<String>getAs("currency")).isEqualTo("USD");
    assertThat(dec(pool, "hourly_rate")).isEqualByComparingTo("0.0966");
    // reserved 10 x 24 = 240 h x 0.0966 = 23.184; used 6 x 24 = 144 h x 0.0966 = 13.9104; idle 96 h = 9.2736
    assertThat(dec(pool, "reserved_cost")).isEqualByComparingTo("23.184");
    assertThat(dec(pool, "used_cost")).isEqualByComparingTo("13.9104");
    assertThat(dec(pool, "idle_cost")).isEqualByComparingTo("9.2736");
    Row odcr = run.reservation("cr-1", "2026-11-20");
    // 240 h x 0.096 = 23.04, unchanged
    assertThat(odcr.<String>getAs("currency")).isEqualTo("USD");
    assertThat(dec(odcr, "reserved_cost")).isEqualByComparingTo("23.04");
    assertThat(run.accountUsage("crp-1", "5123456789012345", "2026-11-20").<String>getAs("currency")).isEqualTo("USD");
    assertThat(dec(run.accountUsage("crp-1", "5123456789012345", "2026-11-20"), "chargeback_cost"))
        .isEqualByComparingTo("13.9104");
  }
}
