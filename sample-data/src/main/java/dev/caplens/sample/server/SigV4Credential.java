package dev.caplens.sample.server;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credential scope of an AWS Signature Version 4 Authorization header. The region comes
 * from here because one endpoint URL serves every region.
 */
record SigV4Credential(String accessKeyId, String date, String region, String service) {

  private static final Pattern CREDENTIAL =
      Pattern.compile("AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request");

  static Optional<SigV4Credential> parse(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    Matcher m = CREDENTIAL.matcher(authorization);
    return m.find() ? Optional.of(new SigV4Credential(m.group(1), m.group(2), m.group(3), m.group(4))) : Optional.empty();
  }
}
