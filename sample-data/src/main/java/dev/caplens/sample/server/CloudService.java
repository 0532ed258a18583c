package dev.caplens.sample.server;

/** The wire protocols the sample server speaks on its single endpoint. */
public enum CloudService {
  /** EC2 Query protocol: form POST, XML reply. */
  EC2,
  /** AWS Outposts REST-JSON. */
  OUTPOSTS,
  /** Alibaba Cloud ECS RPC with JSON replies. */
  ECS,
  /** Alibaba Cloud STS RPC with JSON replies (AssumeRole). */
  ALIYUN_STS,
  /** AWS STS Query protocol (GetCallerIdentity, AssumeRole). */
  STS,
  /** AWS Price List Query API: AWS JSON 1.1 (GetProducts). */
  PRICING
}
