package dev.caplens.jobs;

import dev.caplens.ingest.prices.ListPrice;
import dev.caplens.ingest.prices.PriceLookupException;
import dev.caplens.ingest.prices.PriceQuery;
import dev.caplens.ingest.prices.PriceSource;
import dev.caplens.transform.Price;
import dev.caplens.transform.PriceFile;
import dev.caplens.transform.PriceList;
import dev.caplens.transform.WarehouseInstanceTypes;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * {@code caplens prices}: the on-demand rates of the instance types a warehouse holds reservations
 * of, from the provider's price API, merged into the prices file. A fetched rate replaces the row
 * with the same key (provider, region, instance type, platform, pricing model); every other row of
 * an existing file (other providers, other regions, capacity-block and outpost rates, types the API
 * did not price) is kept as it was. The file is replaced atomically, and only after the existing
 * one was read and validated.
 */
final class PricesJob {

  /** What one run looked up. */
  record Outcome(List<Price> found, List<PriceQuery> notListed, List<String> failures, Merge merge) {
    boolean complete() {
      return notListed.isEmpty() && failures.isEmpty();
    }
  }

  /** How the fetched rates changed the file. */
  record Merge(PriceList prices, int added, int changed, int unchanged, int kept) {}

  private static final int PRICE_SCALE = 8;

  private PricesJob() {}

  static Outcome run(SparkSession spark, String warehouse, PriceSource source, List<String> regions, Path out,
                     Consumer<String> progress) throws IOException {
    PriceList existing = Files.exists(out) ? PriceFile.load(out) : PriceList.empty();
    List<PriceQuery> queries = WarehouseInstanceTypes.read(spark, warehouse, source.provider()).stream()
        .filter(t -> regions.contains(t.region()))
        .map(t -> new PriceQuery(t.region(), t.instanceType(), t.platform()))
        .toList();
    if (queries.isEmpty()) {
      throw new UsageException("warehouse " + warehouse + " has no " + source.provider()
          + " on-demand reservations in " + String.join(", ", regions) + ": run 'caplens ingest' into it first");
    }
    List<Price> found = new ArrayList<>();
    List<PriceQuery> notListed = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (PriceQuery query : queries) {
      try {
        source.onDemandHourly(query).map(PricesJob::price).ifPresentOrElse(found::add, () -> notListed.add(query));
      } catch (PriceLookupException e) {
        failures.add(e.getMessage());
      }
      progress.accept(String.format("prices %s: %d/%d instance types looked up", source.provider(),
          found.size() + notListed.size() + failures.size(), queries.size()));
    }
    Merge merge = merge(existing, found);
    PriceFile.writeAtomically(out, merge.prices());
    return new Outcome(found, notListed, failures, merge);
  }

  /** The existing prices with every fetched one put in place of the row with its key. */
  static Merge merge(PriceList existing, List<Price> fetched) {
    Map<Price.Key, Price> byKey = new LinkedHashMap<>();
    existing.prices().forEach(p -> byKey.put(p.key(), p));
    int added = 0;
    int changed = 0;
    int unchanged = 0;
    for (Price price : fetched) {
      Price before = byKey.put(price.key(), price);
      if (before == null) {
        added++;
      } else if (before.hourlyRate().compareTo(price.hourlyRate()) != 0
          || !Objects.equals(before.currency(), price.currency())) {
        changed++;
      } else {
        unchanged++;
      }
    }
    int kept = existing.prices().size() - changed - unchanged;
    return new Merge(new PriceList(List.copyOf(byKey.values())), added, changed, unchanged, kept);
  }

  /** A listed rate as a prices file row; a rate finer than the file's 8 decimal places is refused, not rounded. */
  static Price price(ListPrice listed) {
    BigDecimal rate;
    try {
      rate = listed.hourlyRate().setScale(PRICE_SCALE, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new PriceLookupException(listed.query() + ": rate " + listed.hourlyRate().toPlainString()
          + " has more than " + PRICE_SCALE + " decimal places");
    }
    return new Price(listed.provider(), listed.query().region(), listed.query().instanceType(),
        listed.query().platform(), ListPrice.ON_DEMAND, rate, listed.currency());
  }
}
