package dev.caplens.ingest.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caplens.ingest.snapshot.CapacityBlockRow;
import dev.caplens.ingest.snapshot.ReservationRow;
import dev.caplens.ingest.snapshot.UsageRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.CapacityBlock;
import software.amazon.awssdk.services.ec2.model.CapacityReservation;
import software.amazon.awssdk.services.ec2.model.GetCapacityReservationUsageResponse;
import software.amazon.awssdk.services.ec2.model.InterruptibleCapacityAllocation;
import software.amazon.awssdk.services.ec2.model.InterruptionInfo;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * SDK models to snapshot rows. Enums are kept as the raw string the API sent ({@code ...AsString()}),
 * so a state or type the SDK does not know yet reaches the marts instead of turning into null.
 */
public final class Ec2Rows {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Ec2Rows() {}

  public static ReservationRow reservation(CapacityReservation cr) {
    InterruptibleCapacityAllocation lent = cr.interruptibleCapacityAllocation();
    InterruptionInfo interruption = cr.interruptionInfo();
    return new ReservationRow(
        cr.capacityReservationId(),
        cr.capacityReservationArn(),
        cr.ownerId(),
        cr.reservationTypeAsString(),
        cr.instanceType(),
        cr.instancePlatformAsString(),
        cr.availabilityZone(),
        cr.tenancyAsString(),
        cr.instanceMatchCriteriaAsString(),
        cr.stateAsString(),
        cr.totalInstanceCount(),
        cr.availableInstanceCount(),
        cr.createDate(),
        cr.startDate(),
        cr.endDate(),
        cr.endDateTypeAsString(),
        cr.capacityBlockId(),
        cr.unusedReservationBillingOwnerId(),
        cr.interruptible(),
        interruption == null ? null : interruption.sourceCapacityReservationId(),
        lent == null ? null : lent.instanceCount(),
        lent == null ? null : lent.targetInstanceCount(),
        lent == null ? null : lent.statusAsString(),
        lent == null ? null : lent.interruptibleCapacityReservationId(),
        cr.hasTags() ? tagsJson(cr.tags()) : null,
        null, null, null, null);
  }

  /** The per-account rows of one GetCapacityReservationUsage page. */
  public static List<UsageRow> usage(String reservationId, GetCapacityReservationUsageResponse page) {
    if (!page.hasInstanceUsages()) {
      return List.of();
    }
    return page.instanceUsages().stream()
        .map(u -> UsageRow.ec2(reservationId, u.accountId(), u.usedInstanceCount()))
        .toList();
  }

  public static CapacityBlockRow capacityBlock(CapacityBlock block) {
    return new CapacityBlockRow(
        block.capacityBlockId(),
        block.ultraserverType(),
        block.availabilityZone(),
        block.stateAsString(),
        block.createDate(),
        block.startDate(),
        block.endDate(),
        block.hasCapacityReservationIds() ? json(block.capacityReservationIds()) : null,
        block.hasTags() ? tagsJson(block.tags()) : null);
  }

  /** Tags as one JSON object; a repeated key keeps its last value, as EC2 cannot hold two. */
  static String tagsJson(List<Tag> tags) {
    Map<String, String> byKey = new LinkedHashMap<>();
    for (Tag tag : tags) {
      byKey.put(tag.key(), tag.value());
    }
    return json(byKey);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write tags as JSON", e);
    }
  }
}
