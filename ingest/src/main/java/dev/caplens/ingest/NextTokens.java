package dev.caplens.ingest;

import java.util.HashSet;
import java.util.Set;

/**
 * The tokens of one paged listing. A listing ends on a missing or empty token; an API that hands
 * back a token it already gave (empty pages that point at themselves) would be paged forever, so
 * that is an error naming the call instead.
 */
public final class NextTokens {

  private final String call;
  private final Set<String> seen = new HashSet<>();

  public NextTokens(String call) {
    this.call = call;
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
    return true;
  }
}
