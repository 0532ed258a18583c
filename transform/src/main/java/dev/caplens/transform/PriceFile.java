package dev.caplens.transform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

/**
 * Reads and validates the prices file (DESIGN.md "Prices file"). Every problem is reported with
 * the file and line it is on, so an operator can fix the file rather than get silently empty
 * costs.
 */
public final class PriceFile {

  public static final List<String> COLUMNS =
      List.of("provider", "region", "instance_type", "platform", "pricing_model", "hourly_rate", "currency");

  private static final int RATE_SCALE = MartSchemas.RATE.scale();
  private static final int RATE_INTEGER_DIGITS = MartSchemas.RATE.precision() - MartSchemas.RATE.scale();

  /** Reads a local prices file. */
  public static PriceList load(java.nio.file.Path file) throws IOException {
    try (Reader reader = java.nio.file.Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(reader, file.toString());
    }
  }

  /** Reads a prices file from a local path or any Hadoop URI. */
  public static PriceList load(String location, Configuration hadoopConf) {
    Path path = new Path(location);
    try (FSDataInputStream in = path.getFileSystem(hadoopConf).open(path);
         Reader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return parse(reader, location);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read prices file " + location + ": " + e.getMessage(), e);
    }
  }

  /** Parses prices CSV text; {@code source} names the file in error messages. */
  public static PriceList parse(Reader reader, String source) throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder()
        .setHeader().setSkipHeaderRecord(true).setTrim(true)
        .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW).get();
    CSVParser parser;
    try {
      parser = format.parse(withoutByteOrderMark(reader));
    } catch (IllegalArgumentException e) {
      throw new PriceFileException(source + " line 1: " + e.getMessage(), e);
    }
    try (parser) {
      checkHeader(parser.getHeaderNames(), source);
      List<Price> prices = new ArrayList<>();
      Map<Price.Key, Long> firstLineOf = new HashMap<>();
      for (CSVRecord record : parser) {
        long line = parser.getCurrentLineNumber();
        Price price = price(record, source + " line " + line);
        Long firstLine = firstLineOf.putIfAbsent(price.key(), line);
        if (firstLine != null) {
          throw new PriceFileException(source + " line " + line + ": duplicate price for " + price.key()
              + " (first on line " + firstLine + ")");
        }
        prices.add(price);
      }
      return new PriceList(prices);
    } catch (UncheckedIOException e) {
      throw new PriceFileException(source + " line " + parser.getCurrentLineNumber() + ": " + e.getMessage(), e);
    }
  }

  private static void checkHeader(List<String> header, String source) {
    if (header.isEmpty()) {
      throw new PriceFileException(source + " line 1: no header; expected " + String.join(",", COLUMNS));
    }
    Set<String> unknown = new LinkedHashSet<>(header);
    COLUMNS.forEach(unknown::remove);
    if (!unknown.isEmpty()) {
      throw new PriceFileException(source + " line 1: unknown column(s) " + String.join(", ", unknown)
          + "; expected " + String.join(",", COLUMNS));
    }
    Set<String> missing = new LinkedHashSet<>(COLUMNS);
    header.forEach(missing::remove);
    if (!missing.isEmpty()) {
      throw new PriceFileException(source + " line 1: missing column(s) " + String.join(", ", missing));
    }
  }

  private static Price price(CSVRecord record, String where) {
    if (!record.isConsistent()) {
      throw new PriceFileException(where + ": expected " + COLUMNS.size() + " fields, found " + record.size());
    }
    String provider = required(record, "provider", where);
    if (!ReservationRules.PROVIDERS.contains(provider)) {
      throw new PriceFileException(where + ": unknown provider '" + provider + "'; expected one of "
          + String.join(", ", ReservationRules.PROVIDERS.stream().sorted().toList()));
    }
    String pricingModel = required(record, "pricing_model", where);
    if (!ReservationRules.PRICING_MODELS.contains(pricingModel)) {
      throw new PriceFileException(where + ": unknown pricing_model '" + pricingModel + "'; expected one of "
          + String.join(", ", ReservationRules.PRICING_MODELS.stream().sorted().toList()));
    }
    return new Price(provider, required(record, "region", where), required(record, "instance_type", where),
        required(record, "platform", where), pricingModel, hourlyRate(record, where), currency(record, where));
  }

  private static String required(CSVRecord record, String column, String where) {
    String value = record.get(column);
    if (value == null || value.isEmpty()) {
      throw new PriceFileException(where + ": empty " + column);
    }
    return value;
  }

  private static BigDecimal hourlyRate(CSVRecord record, String where) {
    String text = required(record, "hourly_rate", where);
    BigDecimal rate;
    try {
      rate = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new PriceFileException(where + ": hourly_rate '" + text + "' is not a number");
    }
    if (rate.signum() < 0) {
      throw new PriceFileException(where + ": hourly_rate " + text + " is negative");
    }
    BigDecimal exact = rate.stripTrailingZeros();
    if (exact.scale() > RATE_SCALE) {
      throw new PriceFileException(where + ": hourly_rate " + text + " has more than " + RATE_SCALE
          + " decimal places");
    }
    if (exact.precision() - exact.scale() > RATE_INTEGER_DIGITS) {
      throw new PriceFileException(where + ": hourly_rate " + text + " is too large");
    }
    return rate.setScale(RATE_SCALE);
  }

  private static String currency(CSVRecord record, String where) {
    String code = required(record, "currency", where);
    try {
      return Currency.getInstance(code).getCurrencyCode();
    } catch (IllegalArgumentException e) {
      throw new PriceFileException(where + ": unknown currency '" + code + "' (expected an ISO 4217 code such as USD)");
    }
  }

  /** The order prices are written in: provider, region, instance type, platform, pricing model. */
  public static final Comparator<Price> FILE_ORDER = Comparator.comparing(Price::provider)
      .thenComparing(Price::region).thenComparing(Price::instanceType).thenComparing(Price::platform)
      .thenComparing(Price::pricingModel);

  /** Writes prices as a prices file (header first, sorted by {@link #FILE_ORDER}, rates as plain decimals). */
  public static void write(Writer writer, PriceList prices) throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(COLUMNS.toArray(String[]::new))
        .setRecordSeparator("\n").get();
    try (CSVPrinter printer = new CSVPrinter(writer, format)) {
      for (Price p : prices.prices().stream().sorted(FILE_ORDER).toList()) {
        printer.printRecord(p.provider(), p.region(), p.instanceType(), p.platform(), p.pricingModel(),
            p.hourlyRate().stripTrailingZeros().toPlainString(), p.currency());
      }
    }
  }

  /**
   * Replaces {@code file} with {@code prices} atomically: written beside it, then moved over it, so
   * a reader (or a failed run) never sees half a file.
   */
  public static void writeAtomically(java.nio.file.Path file, PriceList prices) throws IOException {
    java.nio.file.Path target = file.toAbsolutePath();
    java.nio.file.Files.createDirectories(target.getParent());
    java.nio.file.Path staged = java.nio.file.Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      try (Writer out = java.nio.file.Files.newBufferedWriter(staged, StandardCharsets.UTF_8)) {
        write(out, prices);
      }
      java.nio.file.Files.move(staged, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } finally {
      java.nio.file.Files.deleteIfExists(staged);
    }
  }

  /** Spreadsheets often save CSV with a UTF-8 byte order mark, which would spoil the first column name. */
  private static Reader withoutByteOrderMark(Reader reader) throws IOException {
    BufferedReader buffered = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    buffered.mark(1);
    if (buffered.read() != '\uFEFF') {
      buffered.reset();
    }
    return buffered;
  }

  private PriceFile() {}
}
