package dev.caplens.ingest.prices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AwsPriceListRowsTest {

  private static final PriceQuery M5_LARGE = new PriceQuery("us-east-1", "m5.large", "Linux/UNIX");

  /** A PriceList entry as GetProducts returns it (aws_v1), trimmed to the fields read, plus a Reserved term. */
  private static String product(String sku, String unit, String currency, String rate) {
    return """
        {"product":{"productFamily":"Compute Instance","sku":"%1$s","attributes":{"instanceType":"m5.large"}},
         "serviceCode":"AmazonEC2",
         "terms":{"OnDemand":{"%1$s.JRTCKXETXF":{"priceDimensions":{"%1$s.JRTCKXETXF.6YS6EN2CT7":
           {"unit":"%2$s","pricePerUnit":{"%3$s":"%4$s"},"beginRange":"0","endRange":"Inf"}}}},
          "Reserved":{"%1$s.4NA7Y494T4":{"priceDimensions":{"%1$s.4NA7Y494T4.6YS6EN2CT7":
           {"unit":"Hrs","pricePerUnit":{"USD":"0.0600000000"}}}}}}}
        """.formatted(sku, unit, currency, rate);
  }

  @Test
  void readsTheOnDemandHourlyRateAndIgnoresReservedTerms() {
    ListPrice price = AwsPriceListRows.onDemandHourly(M5_LARGE,
        List.of(product("SKU1", "Hrs", "USD", "0.0960000000"))).orElseThrow();

    assertThat(price.provider()).isEqualTo("aws");
    assertThat(price.hourlyRate()).isEqualByComparingTo("0.096");
    assertThat(price.currency()).isEqualTo("USD");
    assertThat(price.query()).isEqualTo(M5_LARGE);
  }

  @Test
  void noProductsIsNoPriceAndProductsThatAgreeAreOnePrice() {
    assertThat(AwsPriceListRows.onDemandHourly(M5_LARGE, List.of())).isEmpty();
    assertThat(AwsPriceListRows.onDemandHourly(M5_LARGE, List.of(product("SKU1", "Quantity", "USD", "1")))).isEmpty();
    assertThat(AwsPriceListRows.onDemandHourly(M5_LARGE,
        List.of(product("SKU1", "Hrs", "USD", "0.096"), product("SKU2", "Hrs", "USD", "0.0960000000"))))
        .hasValueSatisfying(p -> assertThat(p.hourlyRate()).isEqualByComparingTo("0.096"));
  }

  @Test
  void keepsTheCurrencyTheOfferIsIn() {
    assertThat(AwsPriceListRows.onDemandHourly(new PriceQuery("cn-north-1", "m5.large", "Linux/UNIX"),
        List.of(product("SKU1", "Hrs", "CNY", "0.6590000000"))))
        .hasValueSatisfying(p -> assertThat(p.currency()).isEqualTo("CNY"));
  }

  @Test
  void productsThatDisagreeOrCannotBeReadAreErrorsNamingTheQuery() {
    assertThatThrownBy(() -> AwsPriceListRows.onDemandHourly(M5_LARGE,
        List.of(product("SKU1", "Hrs", "USD", "0.096"), product("SKU2", "Hrs", "USD", "0.106"))))
        .isInstanceOf(PriceLookupException.class)
        .hasMessageStartingWith("us-east-1 m5.large Linux/UNIX: the Price List has 2 different on-demand rates")
        .hasMessageContaining("SKU1").hasMessageContaining("SKU2");
    assertThatThrownBy(() -> AwsPriceListRows.onDemandHourly(M5_LARGE, List.of(product("SKU1", "Hrs", "USD", "n/a"))))
        .hasMessage("us-east-1 m5.large Linux/UNIX: product SKU1 has rate 'n/a', not a number");
    assertThatThrownBy(() -> AwsPriceListRows.onDemandHourly(M5_LARGE, List.of(product("SKU1", "Hrs", "USD", "-1"))))
        .hasMessage("us-east-1 m5.large Linux/UNIX: product SKU1 has a negative rate -1");
    assertThatThrownBy(() -> AwsPriceListRows.onDemandHourly(M5_LARGE, List.of("{\"product\":")))
        .hasMessageStartingWith("us-east-1 m5.large Linux/UNIX: a GetProducts PriceList entry is not JSON");
  }

  @Test
  void ec2PlatformsMapToPriceListAttributes() {
    assertThat(Ec2Platforms.productAttributes("Linux/UNIX"))
        .hasValue(new Ec2Platforms.ProductAttributes("Linux", "NA"));
    assertThat(Ec2Platforms.productAttributes("Windows with SQL Server Enterprise"))
        .hasValue(new Ec2Platforms.ProductAttributes("Windows", "SQL Ent"));
    assertThat(Ec2Platforms.productAttributes("Red Hat Enterprise Linux"))
        .hasValue(new Ec2Platforms.ProductAttributes("RHEL", "NA"));
    assertThat(Ec2Platforms.productAttributes("Plan 9")).isEmpty();
    assertThat(Ec2Platforms.productAttributes(null)).isEmpty();
  }
}
