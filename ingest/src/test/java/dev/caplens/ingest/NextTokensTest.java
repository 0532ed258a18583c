package dev.caplens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NextTokensTest {

  @Test
  void aListingEndsOnAMissingOrEmptyTokenAndGoesOnThroughEmptyPagesWithNewTokens() {
    NextTokens tokens = new NextTokens("DescribeCapacityReservations");
    assertThat(tokens.more("page-2")).isTrue();
    assertThat(tokens.more("page-3")).isTrue();
    assertThat(tokens.more("")).isFalse();
    assertThat(new NextTokens("ListAssets").more(null)).isFalse();
  }

  @Test
  void aTokenHandedBackTwiceIsAnErrorNamingTheCallInsteadOfAnEndlessListing() {
    NextTokens tokens = new NextTokens("DescribeCapacityReservations");
    tokens.more("page-2");
    tokens.more("page-3");
    assertThatThrownBy(() -> tokens.more("page-2"))
        .isInstanceOf(ScopeReadException.class)
        .hasMessageContaining("DescribeCapacityReservations").hasMessageContaining("same NextToken");
  }
}
