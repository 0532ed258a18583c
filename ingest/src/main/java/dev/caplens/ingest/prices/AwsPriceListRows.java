package dev.caplens.ingest.prices;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * GetProducts PriceList entries (JSON documents, FormatVersion aws_v1) to one on-demand hourly
 * rate: {@code terms.OnDemand.<offer>.priceDimensions.<rate>.pricePerUnit.<currency>} of the
 * dimensions whose unit is {@code Hrs}. The query's filters should leave one product; products that
 * still disagree on the rate are an error rather than a guess.
 */
public final class AwsPriceListRows {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AwsPriceListRows() {}

  public static Optional<ListPrice> onDemandHourly(PriceQuery query, List<String> priceList) {
    Map<String, String> skusByRate = new TreeMap<>();
    BigDecimal rate = null;
    String currency = null;
    for (String entry : priceList) {
      JsonNode product = parse(query, entry);
      String sku = product.at("/product/sku").asText("(no sku)");
      for (JsonNode offer : product.at("/terms/OnDemand")) {
        for (JsonNode dimension : offer.path("priceDimensions")) {
          if (!dimension.path("unit").asText().equalsIgnoreCase("Hrs")) {
            continue;
          }
          var prices = dimension.path("pricePerUnit").fields();
          if (!prices.hasNext()) {
            throw new PriceLookupException(query + ": product " + sku + " has an hourly dimension without pricePerUnit");
          }
          var price = prices.next();
          rate = rate(query, sku, price.getValue().asText());
          currency = price.getKey();
          skusByRate.merge(rate.stripTrailingZeros().toPlainString() + " " + currency, sku, (a, b) -> a + "," + b);
        }
      }
    }
    if (skusByRate.size() > 1) {
      throw new PriceLookupException(query + ": the Price List has " + skusByRate.size()
          + " different on-demand rates for it " + skusByRate + "; refusing to guess");
    }
    return rate == null ? Optional.empty() : Optional.of(new ListPrice("aws", query, rate, currency));
  }

  private static BigDecimal rate(PriceQuery query, String sku, String text) {
    try {
      BigDecimal rate = new BigDecimal(text);
      if (rate.signum() < 0) {
        throw new PriceLookupException(query + ": product " + sku + " has a negative rate " + text);
      }
      return rate;
    } catch (NumberFormatException e) {
      throw new PriceLookupException(query + ": product " + sku + " has rate '" + text + "', not a number");
    }
  }

  private static JsonNode parse(PriceQuery query, String entry) {
    try {
      return JSON.readTree(entry);
    } catch (JsonProcessingException e) {
      throw new PriceLookupException(query + ": a GetProducts PriceList entry is not JSON: "
          + e.getOriginalMessage(), e);
    }
  }
}
