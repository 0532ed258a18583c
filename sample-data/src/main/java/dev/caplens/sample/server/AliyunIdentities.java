package dev.caplens.sample.server;

import dev.caplens.sample.AliyunAccount;
import dev.caplens.sample.ServedCloud;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Alibaba account an access key belongs to: a sample account's own AccessKey, or an STS
 * session from AssumeRole, which is only accepted with the security token issued with it.
 */
final class AliyunIdentities {

  record Session(String accessKeyId, String accessKeySecret, String securityToken, String accountId) {}

  private static final Pattern ACS3_CREDENTIAL = Pattern.compile("ACS3-HMAC-SHA256\\s+Credential=([^,\\s]+)");
  private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final ServedCloud organisation;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  AliyunIdentities(ServedCloud organisation) {
    this.organisation = organisation;
  }

  /** The access key of a request: the ACS3 Authorization header's Credential, else the RPC AccessKeyId parameter. */
  static Optional<String> accessKeyId(ApiRequest request) {
    String authorization = request.header("Authorization");
    if (authorization != null) {
      Matcher m = ACS3_CREDENTIAL.matcher(authorization);
      if (m.find()) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.ofNullable(request.parameter("AccessKeyId"));
  }

  /** The account of the request's access key, whether or not it may make the call. */
  Optional<String> accountOf(ApiRequest request) {
    return accessKeyId(request).flatMap(key -> organisation.aliyunAccountByAccessKey(key)
        .or(() -> assumeOnlyUser(key))
        .map(AliyunAccount::id)
        .or(() -> Optional.ofNullable(sessions.get(key)).map(Session::accountId)));
  }

  /** Any call: it must be signed ({@code MissingAccessKeyId}) with a key this cloud knows. */
  static void requireKnownCaller(ApiRequest request, ApiCall call) {
    if (accessKeyId(request).isEmpty()) {
      throw new ApiError(400, "MissingAccessKeyId", "AccessKeyId is mandatory for this action.");
    }
    if (call.accountId() == null) {
      throw new ApiError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    }
  }

  /**
   * A call other than AssumeRole: refused to the assume-only RAM user, and a session key must carry
   * that session's token (header or RPC parameter).
   */
  void requireReadAccess(ApiRequest request) {
    String key = accessKeyId(request).orElse("");
    if (assumeOnlyUser(key).isPresent()) {
      throw new ApiError(403, "Forbidden.RAM",
          "User not authorized to operate on the specified resource, or this API doesn't support RAM.");
    }
    Session session = sessions.get(key);
    if (session == null) {
      return;
    }
    String token = request.header("x-acs-security-token") != null
        ? request.header("x-acs-security-token") : request.parameter("SecurityToken");
    if (!session.securityToken().equals(token)) {
      throw new ApiError(400, "InvalidSecurityToken.MismatchWithAccessKey",
          "The Security Token does not match the AccessKeyId.");
    }
  }

  private Optional<AliyunAccount> assumeOnlyUser(String accessKeyId) {
    return organisation.assumeOnlyAliyunUser().filter(user -> user.accessKeyId().equals(accessKeyId));
  }

  Session startSession(String accountId) {
    StringBuilder keyId = new StringBuilder("STS.");
    for (int i = 0; i < 24; i++) {
      keyId.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
    }
    Session session = new Session(keyId.toString(), randomText(30), randomText(120), accountId);
    sessions.put(session.accessKeyId(), session);
    return session;
  }

  private String randomText(int bytes) {
    byte[] buffer = new byte[bytes];
    random.nextBytes(buffer);
    return Base64.getEncoder().encodeToString(buffer);
  }
}
