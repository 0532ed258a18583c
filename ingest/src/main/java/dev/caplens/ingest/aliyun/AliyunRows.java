package dev.caplens.ingest.aliyun;

import com.aliyun.ecs20140526.models.DescribeCapacityReservationsResponseBody.DescribeCapacityReservationsResponseBodyCapacityReservationSetCapacityReservationItem;
import com.aliyun.ecs20140526.models.DescribeCapacityReservationsResponseBody.DescribeCapacityReservationsResponseBodyCapacityReservationSetCapacityReservationItemAllocatedResourcesAllocatedResource;
import com.aliyun.ecs20140526.models.DescribeCapacityReservationsResponseBody.DescribeCapacityReservationsResponseBodyCapacityReservationSetCapacityReservationItemAllocatedResourcesAllocatedResourceCapacityReservationUsagesCapacityReservationUsage;
import com.aliyun.ecs20140526.models.DescribeCapacityReservationsResponseBody.DescribeCapacityReservationsResponseBodyCapacityReservationSetCapacityReservationItemTagsTag;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caplens.ingest.snapshot.ReservationRow;
import dev.caplens.ingest.snapshot.UsageRow;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alibaba ECS private pools to snapshot rows: one reservation row per allocated resource (zone x
 * instance type), since that is the unit that has a total, a used and an available amount.
 */
public final class AliyunRows {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Alibaba writes times as 2026-11-01T00:00Z, with or without seconds. */
  private static final DateTimeFormatter ALIYUN_TIME = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd'T'HH:mm")
      .optionalStart().appendPattern(":ss").optionalEnd()
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .appendOffset("+HH:MM", "Z")
      .toFormatter();

  private AliyunRows() {}


  public static List<ReservationRow> reservations(
      DescribeCapacityReservationsResponseBodyCapacityReservationSetCapacityReservationItem pool) {
    List<ReservationRow> rows = new ArrayList<>();
    for (var resource : resources(pool)) {
      rows.add(new ReservationRow(
          pool.getPrivatePoolOptionsId(),
          null,
          pool.getCapacityReservationOwnerId(),
          null,
          resource.getInstanceType(),
          pool.getPlatform(),
          resource.getZoneId(),
          null,
          pool.getPrivatePoolOptionsMatchCriteria(),
          pool.getStatus(),
          resource.getTotalAmount(),
          resource.getAvailableAmount(),
          null,
          time(pool, "StartTime", pool.getStartTime()),
          time(pool, "EndTime", pool.getEndTime()),
          pool.getEndTimeType(),
          null, null, null, null, null, null, null, null,
          tagsJson(pool),
          pool.getPrivatePoolOptionsName(),
          pool.getInstanceChargeType(),
          pool.getResourceGroupId(),
          resource.getUsedAmount()));
    }
    return rows;
  }

  /** Per-account usage of each allocated resource (CapacityReservationUsages). */
  public static List<UsageRow> usage(
      DescribeCapacityReservationsResponseBodyCapacityReservationSetCapacityReservationItem pool) {
    List<UsageRow> rows = new ArrayList<>();
    for (var resource : resources(pool)) {
      if (resource.getCapacityReservationUsages() == null
          || resource.getCapacityReservationUsages().getCapacityReservationUsage() == null) {
        continue;
      }
      for (DescribeCapacityReservationsResponseBodyCapacityReservationSetCapacityReservationItemAllocatedResourcesAllocatedResourceCapacityReservationUsagesCapacityReservationUsage usage
          : resource.getCapacityReservationUsages().getCapacityReservationUsage()) {
        if (usage.getAccountId() == null) {
          throw new IllegalArgumentException("pool " + pool.getPrivatePoolOptionsId()
              + ": a CapacityReservationUsage has no AccountId");
        }
        rows.add(new UsageRow(pool.getPrivatePoolOptionsId(), usage.getAccountId(), usage.getUsedAmount(),
            resource.getZoneId(), resource.getInstanceType(), usage.getServiceName()));
      }
    }
    return rows;
  }

  private static List<DescribeCapacityReservationsResponseBodyCapacityReservationSetCapacityReservationItemAllocatedResourcesAllocatedResource>
      resources(DescribeCapacityReservationsResponseBodyCapacityReservationSetCapacityReservationItem pool) {
    if (pool.getAllocatedResources() == null || pool.getAllocatedResources().getAllocatedResource() == null) {
      return List.of();
    }
    return pool.getAllocatedResources().getAllocatedResource();
  }

  /** An unreadable time is an error naming the pool and field, never a silent null. */
  static Instant time(DescribeCapacityReservationsResponseBodyCapacityReservationSetCapacityReservationItem pool,
                      String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value, ALIYUN_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("pool " + pool.getPrivatePoolOptionsId() + ": " + field + " '" + value
          + "' is not a time", e);
    }
  }

  static String tagsJson(DescribeCapacityReservationsResponseBodyCapacityReservationSetCapacityReservationItem pool) {
    if (pool.getTags() == null || pool.getTags().getTag() == null || pool.getTags().getTag().isEmpty()) {
      return null;
    }
    Map<String, String> byKey = new LinkedHashMap<>();
    for (DescribeCapacityReservationsResponseBodyCapacityReservationSetCapacityReservationItemTagsTag tag
        : pool.getTags().getTag()) {
      byKey.put(tag.getTagKey(), tag.getTagValue());
    }
    try {
      return JSON.writeValueAsString(byKey);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write tags as JSON", e);
    }
  }
}
