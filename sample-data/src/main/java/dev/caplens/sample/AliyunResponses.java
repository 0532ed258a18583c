package dev.caplens.sample;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Renders Alibaba Cloud ECS RPC replies in JSON, with the member names of the Tea SDK's
 * {@code @NameInMap} annotations (note the lower-case {@code zoneId} of an allocated resource).
 * A complete reply carries {@code "NextToken": ""}, as the last page does.
 */
final class AliyunResponses {

  /** The largest page ECS serves; the sample server rewrites it to the page size it used. */
  static final int MAX_RESULTS = 100;
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

  private AliyunResponses() {}

  static String describeCapacityReservations(String requestId, List<PrivatePool> pools) {
    ObjectNode reply = completeListing(requestId, pools.size());
    ArrayNode items = reply.putObject("CapacityReservationSet").putArray("CapacityReservationItem");
    for (PrivatePool pool : pools) {
      ObjectNode item = items.addObject()
          .put("PrivatePoolOptionsId", pool.id())
          .put("PrivatePoolOptionsName", pool.name())
          .put("PrivatePoolOptionsMatchCriteria", pool.matchCriteria())
          .put("CapacityReservationOwnerId", pool.ownerId())
          .put("Status", pool.status())
          .put("StartTime", timestamp(pool.startTime()));
      if (pool.endTime() != null) {
        item.put("EndTime", timestamp(pool.endTime()));
      }
      item.put("EndTimeType", pool.endTimeType())
          .put("InstanceChargeType", pool.instanceChargeType())
          .put("Platform", pool.platform())
          .put("RegionId", pool.region())
          .put("ResourceGroupId", pool.resourceGroupId());
      ArrayNode tags = item.putObject("Tags").putArray("Tag");
      pool.tags().forEach((key, value) -> tags.addObject().put("TagKey", key).put("TagValue", value));
      ArrayNode resources = item.putObject("AllocatedResources").putArray("AllocatedResource");
      for (AllocatedResource resource : pool.allocatedResources()) {
        ObjectNode allocated = resources.addObject()
            .put("InstanceType", resource.instanceType())
            .put("zoneId", resource.zoneId())
            .put("TotalAmount", resource.totalAmount())
            .put("UsedAmount", resource.usedAmount())
            .put("AvailableAmount", resource.availableAmount());
        ArrayNode usages = allocated.putObject("CapacityReservationUsages").putArray("CapacityReservationUsage");
        for (PoolUsage usage : resource.usages()) {
          usages.addObject()
              .put("AccountId", usage.accountId())
              .put("ServiceName", usage.serviceName())
              .put("UsedAmount", usage.usedAmount());
        }
      }
    }
    return PrettyJson.write(reply);
  }

  static String describeCapacityReservationInstances(String requestId, List<String> instanceIds) {
    ObjectNode reply = completeListing(requestId, instanceIds.size());
    ArrayNode ids = reply.putObject("CapacityReservationItem").putArray("InstanceIdSet");
    instanceIds.forEach(id -> ids.addObject().put("InstanceId", id));
    return PrettyJson.write(reply);
  }

  /** The paging members of a reply that holds the whole listing: one last page. */
  private static ObjectNode completeListing(String requestId, int totalCount) {
    return PrettyJson.object()
        .put("RequestId", requestId)
        .put("TotalCount", totalCount)
        .put("MaxResults", MAX_RESULTS)
        .put("NextToken", "");
  }

  private static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }
}
