package dev.caplens.ingest;

import java.util.HashSet;
import java.util.Set;

/**
 * The tokens of one paged listing. A listing ends on a missing or empty token; an API that hands
 * back a token it already gave (empty pages that point at themselves) would be paged forever, and
 * so would one that hands out new tokens without end, so both are errors naming the call instead.
 */
public final class NextTokens {

  /** Far more pages than any account holds (a page is up to 1,000 reservations). */
  public static final int MAX_PAGES = 100_000;

  private final String call;
  private final int maxPages;
  private final Set<String> seen = new HashSet<>();

  public NextTokens(String call) {
    this(call, MAX_PAGES);
  }

  NextTokens(String call, int maxPages) {
    this.call = call;
    this.maxPages = maxPages;
  }

  /** Whether there is another page to ask for with {@code token}. */
  public boolean more(String token) {
    if (token == null || token.isEmpty()) {
      return false;
    }
    if (!seen.add(token)) {
      throw new ScopeReadException(call + " returned the same NextToken twice (after " + seen.size()
          + " pages); stopped instead of paging forever", null);
    }
    if (seen.size() >= maxPages) {
      throw new ScopeReadException(call + " still returned a NextToken after " + maxPages
          + " pages; stopped instead of paging forever", null);
    }
    return true;
  }
}
