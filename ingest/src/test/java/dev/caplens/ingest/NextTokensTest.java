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

  @Test
  void tokensThatNeverEndAreAnErrorNamingTheCallAfterTheBound() {
    // Bound 3: tokens t1 and t2 ask for pages 2 and 3; a third token would be page 4.
    NextTokens tokens = new NextTokens("GetCapacityReservationUsage cr-1", 3);
    assertThat(tokens.more("t1")).isTrue();
    assertThat(tokens.more("t2")).isTrue();
    assertThatThrownBy(() -> tokens.more("t3"))
        .isInstanceOf(ScopeReadException.class)
        .hasMessageContaining("GetCapacityReservationUsage cr-1").hasMessageContaining("after 3 pages");
  }
}
