package dev.caplens.sample.server;

import dev.caplens.sample.AwsAccount;
import dev.caplens.sample.ServedCloud;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Which AWS account an access key belongs to: a sample account's own key or a session from AssumeRole. */
final class AwsIdentities {

  record Session(String accessKeyId, String secretAccessKey, String sessionToken) {}

  /** The account (null when the key is unknown) and region (from the credential scope) of a signed request. */
  record Caller(String accountId, String region) {}

  private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private final ServedCloud organisation;
  private final Map<String, String> sessionAccounts = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  AwsIdentities(ServedCloud organisation) {
    this.organisation = organisation;
  }

  Caller caller(ApiRequest request) {
    Optional<SigV4Credential> credential = SigV4Credential.parse(request.header("Authorization"));
    return new Caller(credential.flatMap(c -> accountOf(c.accessKeyId())).orElse(null),
        credential.map(SigV4Credential::region).orElse(null));
  }

  Optional<String> accountOf(String accessKeyId) {
    return organisation.awsAccountByAccessKey(accessKeyId).map(AwsAccount::id)
        .or(() -> Optional.ofNullable(sessionAccounts.get(accessKeyId)));
  }

  Session startSession(String accountId) {
    StringBuilder keyId = new StringBuilder("ASIA");
    for (int i = 0; i < 16; i++) {
      keyId.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
    }
    Session session = new Session(keyId.toString(), randomText(30), randomText(96));
    sessionAccounts.put(session.accessKeyId(), accountId);
    return session;
  }

  private String randomText(int bytes) {
    byte[] buffer = new byte[bytes];
    random.nextBytes(buffer);
    return Base64.getEncoder().encodeToString(buffer);
  }
}
