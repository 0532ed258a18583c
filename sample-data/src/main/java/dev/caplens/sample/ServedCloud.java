package dev.caplens.sample;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the loopback sample server serves: the accounts and regions it knows, the snapshot times it
 * can answer for, and each API call's complete, unpaged reply at a {@link SampleOrgLayout} path.
 * The committed sample organisation and a generated fleet both provide one.
 */
public interface ServedCloud {

  List<AwsAccount> awsAccounts();

  List<String> awsRegions();

  List<AliyunAccount> aliyunAccounts();

  List<String> aliyunRegions();

  List<Instant> snapshotTimes();

  /** The complete reply stored at {@code layoutPath} (relative to {@link SampleOrgLayout#ROOT}); empty when there is none. */
  Optional<String> reply(String layoutPath);

  default Optional<AwsAccount> awsAccountByAccessKey(String accessKeyId) {
    return awsAccounts().stream().filter(a -> a.accessKeyId().equals(accessKeyId)).findFirst();
  }

  /** A RAM user whose AccessKey may only assume a role (Alibaba STS); none unless the cloud has one. */
  default Optional<AliyunAccount> assumeOnlyAliyunUser() {
    return Optional.empty();
  }

  default Optional<AliyunAccount> aliyunAccountByAccessKey(String accessKeyId) {
    return aliyunAccounts().stream().filter(a -> accessKeyId.equals(a.accessKeyId())).findFirst();
  }
}
