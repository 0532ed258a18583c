package dev.caplens.sample.server;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opaque page tokens. A token remembers the query it continues (so it cannot be replayed
 * against another call, account, region or filter), the file it pages through (so a listing
 * stays on one snapshot even if the server moves on) and the offset of the next page. Tokens
 * stay valid for the life of the server, so a retried request can resend the same token.
 */
final class PageTokens {

  /** How each cloud spells its tokens. */
  enum Format {
    /** EC2: a base64 blob, with characters that must be form-encoded. */
    BASE64,
    /** Outposts: {@code <n>##<opaque>}, the shape its API model declares. */
    OFFSET_PREFIXED,
    /** Alibaba Cloud: 32 hex digits. */
    HEX
  }

  record Cursor(String query, String file, int offset) {}

  record Page(int from, int to, String nextToken) {}

  private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  /**
   * Where a request starts: the first item of {@code currentFile} when it has no token, else
   * where its token left off. Empty for a token this server did not issue for the same query.
   */
  Optional<Cursor> start(String token, String query, String currentFile) {
    if (token == null || token.isEmpty()) {
      return Optional.of(new Cursor(query, currentFile, 0));
    }
    Cursor cursor = cursors.get(token);
    return cursor != null && cursor.query().equals(query) ? Optional.of(cursor) : Optional.empty();
  }

  /** The page starting at the cursor, at most {@code limit} items long, with a token when more remain. */
  Page page(Cursor cursor, int itemCount, int limit, Format format) {
    int from = Math.min(cursor.offset(), itemCount);
    int to = Math.min(from + limit, itemCount);
    String nextToken = to < itemCount ? issue(new Cursor(cursor.query(), cursor.file(), to), format) : null;
    return new Page(from, to, nextToken);
  }

  private String issue(Cursor cursor, Format format) {
    String token = switch (format) {
      case BASE64 -> Base64.getEncoder().encodeToString(randomBytes(32));
      case OFFSET_PREFIXED -> cursor.offset() + "##" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(24));
      case HEX -> HexFormat.of().formatHex(randomBytes(16));
    };
    cursors.put(token, cursor);
    return token;
  }

  private byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }
}
