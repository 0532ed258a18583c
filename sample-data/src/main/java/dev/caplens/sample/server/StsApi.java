package dev.caplens.sample.server;

import dev.caplens.sample.ServedCloud;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS STS (Query protocol, API version 2011-06-15): GetCallerIdentity, and AssumeRole into any
 * sample account, whose session keys the EC2 and Outposts APIs then accept as that account.
 * Expiration is real time, as the SDK's credential providers refresh by it.
 */
final class StsApi implements CloudApi {

  private static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):role/(.+)");

  private final ServedCloud organisation;
  private final AwsIdentities identities;

  StsApi(ServedCloud organisation, AwsIdentities identities) {
    this.organisation = organisation;
    this.identities = identities;
  }

  @Override
  public CloudService service() {
    return CloudService.STS;
  }

  @Override
  public ApiCall describe(ApiRequest request, int number) {
    AwsIdentities.Caller caller = identities.caller(request);
    return new ApiCall(number, service(), request.parameter("Action"), caller.accountId(), caller.region(), false);
  }

  @Override
  public ApiReply handle(ApiRequest request, ApiCall call, Instant snapshot) {
    if (call.accountId() == null) {
      throw new ApiError(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
    }
    String action = call.action() == null ? "" : call.action();
    return switch (action) {
      case "GetCallerIdentity" -> reply(action, "        <Arn>arn:aws:iam::" + call.accountId() + ":user/caplens</Arn>\n"
          + "        <UserId>AIDACAPLENS" + call.accountId() + "</UserId>\n"
          + "        <Account>" + call.accountId() + "</Account>\n");
      case "AssumeRole" -> assumeRole(request);
      default -> throw new ApiError(400, "InvalidAction", "Could not find operation " + action + " for version 2011-06-15");
    };
  }

  @Override
  public ApiReply error(ApiError error) {
    String requestId = UUID.randomUUID().toString();
    String type = error.httpStatus() >= 500 ? "Receiver" : "Sender";
    String body = "<ErrorResponse xmlns=\"" + NAMESPACE + "\">\n  <Error>\n    <Type>" + type + "</Type>\n    <Code>"
        + Xml.escape(error.code()) + "</Code>\n    <Message>" + Xml.escape(error.getMessage())
        + "</Message>\n  </Error>\n  <RequestId>" + requestId + "</RequestId>\n</ErrorResponse>\n";
    return new ApiReply(error.httpStatus(), "text/xml", Map.of("x-amzn-RequestId", requestId), body);
  }

  private ApiReply assumeRole(ApiRequest request) {
    String roleArn = request.parameter("RoleArn");
    String sessionName = request.parameter("RoleSessionName");
    if (roleArn == null || sessionName == null) {
      throw new ApiError(400, "MissingParameter", "AssumeRole needs RoleArn and RoleSessionName");
    }
    Matcher role = ROLE_ARN.matcher(roleArn);
    if (!role.matches() || organisation.awsAccounts().stream().noneMatch(a -> a.id().equals(role.group(1)))) {
      throw new ApiError(403, "AccessDenied", "Not authorized to perform sts:AssumeRole on " + roleArn);
    }
    int seconds = request.parameter("DurationSeconds") == null ? 3600 : Integer.parseInt(request.parameter("DurationSeconds"));
    AwsIdentities.Session session = identities.startSession(role.group(1));
    String expiration = Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS).toString();
    String assumedRoleId = "AROACAPLENS" + role.group(1) + ":" + sessionName;
    return reply("AssumeRole",
        "        <Credentials>\n"
        + "            <AccessKeyId>" + session.accessKeyId() + "</AccessKeyId>\n"
        + "            <SecretAccessKey>" + session.secretAccessKey() + "</SecretAccessKey>\n"
        + "            <SessionToken>" + session.sessionToken() + "</SessionToken>\n"
        + "            <Expiration>" + expiration + "</Expiration>\n"
        + "        </Credentials>\n"
        + "        <AssumedRoleUser>\n"
        + "            <AssumedRoleId>" + Xml.escape(assumedRoleId) + "</AssumedRoleId>\n"
        + "            <Arn>arn:aws:sts::" + role.group(1) + ":assumed-role/" + Xml.escape(role.group(2)) + "/"
        + Xml.escape(sessionName) + "</Arn>\n"
        + "        </AssumedRoleUser>\n");
  }

  private static ApiReply reply(String action, String result) {
    String requestId = UUID.randomUUID().toString();
    String body = "<" + action + "Response xmlns=\"" + NAMESPACE + "\">\n    <" + action + "Result>\n" + result
        + "    </" + action + "Result>\n    <ResponseMetadata>\n        <RequestId>" + requestId
        + "</RequestId>\n    </ResponseMetadata>\n</" + action + "Response>\n";
    return new ApiReply(200, "text/xml", Map.of("x-amzn-RequestId", requestId), body);
  }
}
