package dev.caplens.sample;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * Renders AWS Outposts REST-JSON replies: PascalCase members and timestamps as epoch seconds
 * (the SDK rejects ISO strings here with "Unable to parse date").
 */
final class OutpostsResponses {

  private OutpostsResponses() {}

  static String listOutposts(List<Outpost> outposts) {
    ObjectNode reply = PrettyJson.object();
    ArrayNode items = reply.putArray("Outposts");
    for (Outpost outpost : outposts) {
      ObjectNode item = items.addObject()
          .put("OutpostId", outpost.id())
          .put("OwnerId", outpost.ownerId())
          .put("OutpostArn", outpost.arn())
          .put("SiteId", outpost.siteId())
          .put("Name", outpost.name())
          .put("Description", outpost.description())
          .put("LifeCycleStatus", "ACTIVE")
          .put("AvailabilityZone", outpost.availabilityZone())
          .put("AvailabilityZoneId", outpost.availabilityZoneId());
      ObjectNode tags = item.putObject("Tags");
      outpost.tags().forEach(tags::put);
      item.put("SiteArn", outpost.siteArn())
          .put("SupportedHardwareType", "RACK");
    }
    return PrettyJson.write(reply);
  }

  static String listAssets(List<OutpostAsset> assets) {
    ObjectNode reply = PrettyJson.object();
    ArrayNode items = reply.putArray("Assets");
    for (OutpostAsset asset : assets) {
      ObjectNode item = items.addObject()
          .put("AssetId", asset.assetId())
          .put("RackId", asset.rackId())
          .put("AssetType", "COMPUTE");
      ObjectNode compute = item.putObject("ComputeAttributes")
          .put("HostId", asset.hostId())
          .put("State", asset.state());
      ArrayNode families = compute.putArray("InstanceFamilies");
      asset.instanceFamilies().forEach(families::add);
      instanceTypeCounts(compute.putArray("InstanceTypeCapacities"), asset.instanceTypeCapacities());
      compute.put("MaxVcpus", asset.maxVcpus());
      item.putObject("AssetLocation").put("RackElevation", asset.rackElevation());
    }
    return PrettyJson.write(reply);
  }

  static String listAssetInstances(List<AssetInstance> instances) {
    ObjectNode reply = PrettyJson.object();
    ArrayNode items = reply.putArray("AssetInstances");
    for (AssetInstance instance : instances) {
      items.addObject()
          .put("InstanceId", instance.instanceId())
          .put("InstanceType", instance.instanceType())
          .put("AssetId", instance.assetId())
          .put("AccountId", instance.accountId())
          .put("AwsServiceName", instance.awsServiceName());
    }
    return PrettyJson.write(reply);
  }

  static String listCapacityTasks(List<CapacityTask> tasks) {
    ObjectNode reply = PrettyJson.object();
    ArrayNode items = reply.putArray("CapacityTasks");
    for (CapacityTask task : tasks) {
      ObjectNode item = items.addObject()
          .put("CapacityTaskId", task.id())
          .put("OutpostId", task.outpostId())
          .put("AssetId", task.assetId())
          .put("CapacityTaskStatus", task.status());
      taskDates(item, task);
    }
    return PrettyJson.write(reply);
  }

  static String getCapacityTask(CapacityTask task) {
    ObjectNode reply = PrettyJson.object()
        .put("CapacityTaskId", task.id())
        .put("OutpostId", task.outpostId())
        .put("AssetId", task.assetId());
    instanceTypeCounts(reply.putArray("RequestedInstancePools"), task.requestedInstancePools());
    reply.put("DryRun", false)
        .put("CapacityTaskStatus", task.status());
    taskDates(reply, task);
    reply.put("TaskActionOnBlockingInstances", task.actionOnBlockingInstances());
    return PrettyJson.write(reply);
  }

  private static void taskDates(ObjectNode node, CapacityTask task) {
    epochSeconds(node, "CreationDate", task.creationDate());
    epochSeconds(node, "CompletionDate", task.completionDate());
    epochSeconds(node, "LastModifiedDate", task.lastModifiedDate());
  }

  private static void epochSeconds(ObjectNode node, String field, Instant instant) {
    if (instant != null) {
      node.put(field, instant.getEpochSecond());
    }
  }

  private static void instanceTypeCounts(ArrayNode array, List<InstanceTypeCount> counts) {
    for (InstanceTypeCount count : counts) {
      array.addObject().put("InstanceType", count.instanceType()).put("Count", count.count());
    }
  }
}
