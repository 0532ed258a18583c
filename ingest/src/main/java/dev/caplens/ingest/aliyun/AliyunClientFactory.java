package dev.caplens.ingest.aliyun;

import com.aliyun.ecs20140526.Client;

/** Builds ECS clients per region; tests and the demo point them at a loopback server. */
public interface AliyunClientFactory {
  Client ecs(String region);
}
