package dev.caplens.ingest.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caplens.ingest.snapshot.CapacityTaskRow;
import dev.caplens.ingest.snapshot.OutpostCapacityRow;
import dev.caplens.ingest.snapshot.OutpostInstanceRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.outposts.model.AssetInfo;
import software.amazon.awssdk.services.outposts.model.AssetInstance;
import software.amazon.awssdk.services.outposts.model.AssetInstanceTypeCapacity;
import software.amazon.awssdk.services.outposts.model.CapacityTaskSummary;
import software.amazon.awssdk.services.outposts.model.ComputeAttributes;
import software.amazon.awssdk.services.outposts.model.GetCapacityTaskResponse;
import software.amazon.awssdk.services.outposts.model.InstanceTypeCapacity;
import software.amazon.awssdk.services.outposts.model.Outpost;

/** Outposts SDK models to snapshot rows; enums stay raw strings. */
public final class OutpostsRows {

  private static final ObjectMapper JSON = new ObjectMapper();

  private OutpostsRows() {}

  /** One row per instance type an asset has slots for; a non-compute asset has none. */
  public static List<OutpostCapacityRow> capacity(Outpost outpost, AssetInfo asset) {
    ComputeAttributes compute = asset.computeAttributes();
    if (compute == null || !compute.hasInstanceTypeCapacities()) {
      return List.of();
    }
    return compute.instanceTypeCapacities().stream()
        .map((AssetInstanceTypeCapacity c) -> new OutpostCapacityRow(outpost.outpostId(), outpost.name(),
            outpost.ownerId(), outpost.availabilityZone(), outpost.lifeCycleStatus(), asset.assetId(),
            compute.stateAsString(), c.instanceType(), c.count()))
        .toList();
  }

  public static OutpostInstanceRow instance(String outpostId, AssetInstance instance) {
    return new OutpostInstanceRow(outpostId, instance.assetId(), instance.instanceId(), instance.instanceType(),
        instance.accountId(), instance.awsServiceNameAsString());
  }

  public static CapacityTaskRow task(CapacityTaskSummary summary) {
    return new CapacityTaskRow(summary.capacityTaskId(), summary.outpostId(), summary.orderId(),
        summary.assetId(), summary.capacityTaskStatusAsString(), summary.creationDate(),
        summary.completionDate(), summary.lastModifiedDate(), null, null, null, null);
  }

  public static CapacityTaskRow task(GetCapacityTaskResponse task) {
    return new CapacityTaskRow(task.capacityTaskId(), task.outpostId(), task.orderId(), task.assetId(),
        task.capacityTaskStatusAsString(), task.creationDate(), task.completionDate(), task.lastModifiedDate(),
        task.hasRequestedInstancePools() ? pools(task.requestedInstancePools()) : null,
        task.failed() == null ? null : task.failed().typeAsString(),
        task.failed() == null ? null : task.failed().reason(),
        task.dryRun());
  }

  /** Requested pools as a JSON object of instance type to count, in request order. */
  static String pools(List<InstanceTypeCapacity> pools) {
    Map<String, Integer> byType = new LinkedHashMap<>();
    pools.forEach(p -> byType.put(p.instanceType(), p.count()));
    try {
      return JSON.writeValueAsString(byType);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write pools as JSON", e);
    }
  }
}
