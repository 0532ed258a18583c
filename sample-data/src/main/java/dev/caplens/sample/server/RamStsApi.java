package dev.caplens.sample.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caplens.sample.ServedCloud;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alibaba Cloud STS RPC (API version 2015-04-01) with JSON replies: AssumeRole, signed with a
 * sample account's AccessKey, into the role {@value #ROLE_NAME} of any sample Alibaba account. Its
 * session keys are then accepted by the ECS API as that account, with their security token.
 * Expiration is real time, as clients renew by it.
 */
final class RamStsApi implements CloudApi {

  /** The read-only role every sample Alibaba account has (docs/ram-policy.json attached). */
  static final String ROLE_NAME = "caplens-read";

  private static final Pattern ROLE_ARN = Pattern.compile("acs:ram::(\\d+):role/(.+)");

  private final ServedCloud organisation;
  private final AliyunIdentities identities;

  RamStsApi(ServedCloud organisation, AliyunIdentities identities) {
    this.organisation = organisation;
    this.identities = identities;
  }

  @Override
  public CloudService service() {
    return CloudService.ALIYUN_STS;
  }

  @Override
  public ApiCall describe(ApiRequest request, int number) {
    return new ApiCall(number, service(), "AssumeRole", identities.accountOf(request).orElse(null), null, false);
  }

  @Override
  public ApiReply handle(ApiRequest request, ApiCall call, Instant snapshot) {
    AliyunIdentities.requireKnownCaller(request, call);
    String roleArn = request.parameter("RoleArn");
    String sessionName = request.parameter("RoleSessionName");
    if (roleArn == null || sessionName == null) {
      throw new ApiError(400, "MissingParameter", "AssumeRole needs RoleArn and RoleSessionName.");
    }
    Matcher role = ROLE_ARN.matcher(roleArn);
    if (!role.matches() || !ROLE_NAME.equalsIgnoreCase(role.group(2))
        || organisation.aliyunAccounts().stream().noneMatch(a -> a.id().equals(role.group(1)))) {
      throw new ApiError(404, "EntityNotExist.Role", "The role not exists: " + roleArn + ".");
    }
    Integer seconds = request.intParameter("DurationSeconds", 900, 43_200,
        new ApiError(400, "InvalidParameter.DurationSeconds", "The parameter DurationSeconds is invalid."));
    AliyunIdentities.Session session = identities.startSession(role.group(1));
    ObjectNode reply = JsonPages.object().put("RequestId", EcsApi.requestId());
    reply.putObject("AssumedRoleUser")
        .put("Arn", "acs:ram::" + role.group(1) + ":role/" + role.group(2) + "/" + sessionName)
        .put("AssumedRoleId", "3" + role.group(1) + ":" + sessionName);
    reply.putObject("Credentials")
        .put("AccessKeyId", session.accessKeyId())
        .put("AccessKeySecret", session.accessKeySecret())
        .put("SecurityToken", session.securityToken())
        .put("Expiration", Instant.now().plusSeconds(seconds == null ? 3600 : seconds).truncatedTo(ChronoUnit.SECONDS).toString());
    return new ApiReply(200, "application/json;charset=utf-8", Map.of(), JsonPages.write(reply));
  }

  @Override
  public ApiReply error(ApiError error) {
    return EcsApi.errorReply("sts.aliyuncs.com", error);
  }
}
