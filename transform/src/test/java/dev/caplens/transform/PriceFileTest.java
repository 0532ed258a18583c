package dev.caplens.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class PriceFileTest {

  private static final String HEADER = "provider,region,instance_type,platform,pricing_model,hourly_rate,currency\n";

  private static PriceList parse(String csv) throws IOException {
    return PriceFile.parse(new StringReader(csv), "prices.csv");
  }

  @Test
  void readsPricesInAnyColumnOrder() throws IOException {
    PriceList prices = parse("currency,hourly_rate,provider,region,instance_type,platform,pricing_model\n"
        + "USD,0.096,aws,us-east-1,m5.large,Linux/UNIX,on-demand\n"
        + "\n"
        + "CNY, 1.25 ,aliyun,cn-hangzhou,ecs.g7.large,*,on-demand\n");
    assertThat(prices.prices()).hasSize(2);
    Price first = prices.prices().get(0);
    assertThat(first.hourlyRate()).isEqualByComparingTo("0.096");
    assertThat(first.hourlyRate().scale()).isEqualTo(8);
    assertThat(prices.prices().get(1).platform()).isEqualTo("*");
    assertThat(prices.prices().get(1).hourlyRate()).isEqualByComparingTo("1.25");
  }

  @Test
  void toleratesTheByteOrderMarkSpreadsheetsWrite() throws IOException {
    assertThat(parse("\uFEFF" + HEADER + "aws,us-east-1,m5.large,Linux/UNIX,on-demand,0.096,USD\n").prices()).hasSize(1);
  }

  @Test
  void headerOnlyIsAnEmptyPriceList() throws IOException {
    assertThat(parse(HEADER).prices()).isEmpty();
  }

  @Test
  void rejectsUnknownAndMissingColumns() {
    assertThatThrownBy(() -> parse("provider,region,instance_type,platform,pricing_model,hourly_rate,currency,note\n"))
        .isInstanceOf(PriceFileException.class)
        .hasMessageStartingWith("prices.csv line 1: unknown column(s) note");
    assertThatThrownBy(() -> parse("provider,region,instance_type,platform,hourly_rate\n"))
        .hasMessage("prices.csv line 1: missing column(s) pricing_model, currency");
    assertThatThrownBy(() -> parse(""))
        .hasMessageStartingWith("prices.csv line 1: no header");
  }

  @Test
  void rejectsADuplicateKeyNamingBothLines() {
    assertThatThrownBy(() -> parse(HEADER
        + "aws,us-east-1,m5.large,Linux/UNIX,on-demand,0.096,USD\n"
        + "aws,us-east-1,m5.large,*,on-demand,0.1,USD\n"
        + "aws,us-east-1,m5.large,Linux/UNIX,on-demand,0.097,USD\n"))
        .hasMessage("prices.csv line 4: duplicate price for aws,us-east-1,m5.large,Linux/UNIX,on-demand (first on line 2)");
  }

  @Test
  void rejectsBadRates() {
    assertThatThrownBy(() -> parse(HEADER + "aws,us-east-1,m5.large,Linux/UNIX,on-demand,-0.096,USD\n"))
        .hasMessage("prices.csv line 2: hourly_rate -0.096 is negative");
    assertThatThrownBy(() -> parse(HEADER + "aws,us-east-1,m5.large,Linux/UNIX,on-demand,$0.096,USD\n"))
        .hasMessage("prices.csv line 2: hourly_rate '$0.096' is not a number");
    assertThatThrownBy(() -> parse(HEADER + "aws,us-east-1,m5.large,Linux/UNIX,on-demand,,USD\n"))
        .hasMessage("prices.csv line 2: empty hourly_rate");
    assertThatThrownBy(() -> parse(HEADER + "aws,us-east-1,m5.large,Linux/UNIX,on-demand,0.123456789,USD\n"))
        .hasMessage("prices.csv line 2: hourly_rate 0.123456789 has more than 8 decimal places");
  }

  @Test
  void rejectsUnknownCurrencyProviderAndPricingModel() {
    assertThatThrownBy(() -> parse(HEADER + "aws,us-east-1,m5.large,Linux/UNIX,on-demand,0.096,usd\n"))
        .hasMessageStartingWith("prices.csv line 2: unknown currency 'usd'");
    assertThatThrownBy(() -> parse(HEADER + "aws,us-east-1,m5.large,Linux/UNIX,on-demand,0.096,XYZ\n"))
        .hasMessageStartingWith("prices.csv line 2: unknown currency 'XYZ'");
    assertThatThrownBy(() -> parse(HEADER + "azure,eastus,D2s,Linux,on-demand,0.096,USD\n"))
        .hasMessageStartingWith("prices.csv line 2: unknown provider 'azure'");
    assertThatThrownBy(() -> parse(HEADER + "aws,us-east-1,m5.large,Linux/UNIX,spot,0.096,USD\n"))
        .hasMessageStartingWith("prices.csv line 2: unknown pricing_model 'spot'");
  }

  @Test
  void rejectsARowWithTheWrongNumberOfFields() {
    assertThatThrownBy(() -> parse(HEADER + "aws,us-east-1,m5.large,on-demand,0.096,USD\n"))
        .hasMessage("prices.csv line 2: expected 7 fields, found 6");
  }

  @Test
  void linesAreCountedAsTheFileHasThemEvenAfterBlankLines() {
    assertThatThrownBy(() -> parse(HEADER + "aws,us-east-1,m5.large,Linux/UNIX,on-demand,0.096,USD\n\n\n"
        + "aws,us-east-1,c5.xlarge,Linux/UNIX,on-demand,0.17,EURO\n"))
        .hasMessageStartingWith("prices.csv line 5: unknown currency 'EURO'");
  }

  @Test
  void writesSortedPlainDecimalsThatReadBackTheSame() throws IOException {
    PriceList prices = parse(HEADER
        + "aliyun,cn-hangzhou,ecs.g7.large,*,on-demand,0.69,CNY\n"
        + "aws,us-east-1,m5.large,Linux/UNIX,on-demand,0.0960000,USD\n"
        + "aws,eu-west-1,m6i.xlarge,Linux/UNIX,on-demand,0.214,USD\n");
    java.io.StringWriter out = new java.io.StringWriter();

    PriceFile.write(out, prices);

    assertThat(out.toString()).isEqualTo(HEADER
        + "aliyun,cn-hangzhou,ecs.g7.large,*,on-demand,0.69,CNY\n"
        + "aws,eu-west-1,m6i.xlarge,Linux/UNIX,on-demand,0.214,USD\n"
        + "aws,us-east-1,m5.large,Linux/UNIX,on-demand,0.096,USD\n");
    assertThat(parse(out.toString()).prices()).containsExactlyInAnyOrderElementsOf(prices.prices());
  }

  @Test
  void writingAtomicallyReplacesTheFileAndLeavesNoStagingFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws IOException {
    java.nio.file.Path file = dir.resolve("prices.csv");
    java.nio.file.Files.writeString(file, "old");

    PriceFile.writeAtomically(file, parse(HEADER + "aws,us-east-1,m5.large,Linux/UNIX,on-demand,0.096,USD\n"));

    assertThat(PriceFile.load(file).prices()).hasSize(1);
    try (var files = java.nio.file.Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }
}
