package dev.caplens.sample.fleet;

import java.math.BigDecimal;
import java.util.List;

/** Regions, instance types and rates a generated fleet draws from. */
final class FleetCatalog {

  record InstanceType(String name, String hourlyRate) {
    BigDecimal rate() {
      return new BigDecimal(hourlyRate);
    }
  }

  static final List<String> AWS_REGIONS = List.of("us-east-1", "eu-west-1", "us-west-2", "ap-southeast-1",
      "eu-central-1", "ap-northeast-1", "us-east-2", "sa-east-1");
  static final List<String> ALIYUN_REGIONS = List.of("cn-hangzhou", "cn-shanghai", "cn-beijing");

  static final List<InstanceType> ODCR_TYPES = List.of(
      new InstanceType("m5.large", "0.096"), new InstanceType("m5.xlarge", "0.192"),
      new InstanceType("c5.xlarge", "0.17"), new InstanceType("c5.2xlarge", "0.34"),
      new InstanceType("r5.2xlarge", "0.504"), new InstanceType("m6i.xlarge", "0.192"),
      new InstanceType("c6i.4xlarge", "0.68"), new InstanceType("r6i.large", "0.126"),
      new InstanceType("g5.xlarge", "1.006"), new InstanceType("i4i.2xlarge", "0.686"));
  static final List<InstanceType> BLOCK_TYPES = List.of(
      new InstanceType("p5.48xlarge", "31.464"), new InstanceType("p4d.24xlarge", "11.57"),
      new InstanceType("trn1.32xlarge", "9.45"));
  static final List<InstanceType> OUTPOST_TYPES = List.of(
      new InstanceType("m5.xlarge", "0.25"), new InstanceType("c5.2xlarge", "0.44"),
      new InstanceType("r5.2xlarge", "0.61"), new InstanceType("g4dn.12xlarge", "2.9"));
  static final List<InstanceType> POOL_TYPES = List.of(
      new InstanceType("ecs.g7.large", "0.69"), new InstanceType("ecs.c7.xlarge", "1.12"),
      new InstanceType("ecs.r7.2xlarge", "2.58"));

  private FleetCatalog() {}
}
