package dev.caplens.sample;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Renders EC2 Query-protocol replies (API version 2016-11-15). Element names are the
 * lowerCamelCase locationNames of the SDK model, lists are {@code <item>} members of the renamed
 * sets; the SDK silently drops any element it does not know, so the tests read every field back
 * through the real client.
 */
final class Ec2Responses {

  static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Ec2Responses() {}

  static String describeCapacityReservations(String requestId, List<ReservationObservation> observations) {
    XmlWriter xml = new XmlWriter().start("DescribeCapacityReservationsResponse", NAMESPACE)
        .element("requestId", requestId);
    if (observations.isEmpty()) {
      xml.empty("capacityReservationSet");
    } else {
      xml.start("capacityReservationSet");
      observations.forEach(o -> capacityReservation(xml, o));
      xml.end();
    }
    return xml.end().toString();
  }

  static String getCapacityReservationUsage(String requestId, ReservationObservation observation) {
    CapacityReservation reservation = observation.reservation();
    ReservationState state = observation.state();
    XmlWriter xml = new XmlWriter().start("GetCapacityReservationUsageResponse", NAMESPACE)
        .element("requestId", requestId)
        .element("capacityReservationId", reservation.id())
        .element("instanceType", reservation.instanceType())
        .element("totalInstanceCount", state.totalInstanceCount())
        .element("availableInstanceCount", state.availableInstanceCount())
        .element("state", state.state());
    if (state.instanceUsages().isEmpty()) {
      xml.empty("instanceUsageSet");
    } else {
      xml.start("instanceUsageSet");
      for (InstanceUsage usage : state.instanceUsages()) {
        xml.start("item")
            .element("accountId", usage.accountId())
            .element("usedInstanceCount", usage.usedInstanceCount())
            .end();
      }
      xml.end();
    }
    lending(xml, reservation, state);
    return xml.end().toString();
  }

  static String describeCapacityBlocks(String requestId, List<CapacityBlock> blocks) {
    XmlWriter xml = new XmlWriter().start("DescribeCapacityBlocksResponse", NAMESPACE)
        .element("requestId", requestId);
    if (blocks.isEmpty()) {
      xml.empty("capacityBlockSet");
    } else {
      xml.start("capacityBlockSet");
      for (CapacityBlock block : blocks) {
        xml.start("item")
            .element("capacityBlockId", block.id())
            .element("availabilityZone", block.availabilityZone())
            .element("availabilityZoneId", block.availabilityZoneId())
            .start("capacityReservationIdSet");
        block.capacityReservationIds().forEach(id -> xml.element("item", id));
        xml.end()
            .element("startDate", timestamp(block.startDate()))
            .element("endDate", timestamp(block.endDate()))
            .element("createDate", timestamp(block.createDate()))
            .element("state", block.state());
        tags(xml, block.tags());
        xml.end();
      }
      xml.end();
    }
    return xml.end().toString();
  }

  private static String timestamp(Instant instant) {
    return instant == null ? null : TIMESTAMP.format(instant);
  }

  private static void capacityReservation(XmlWriter xml, ReservationObservation observation) {
    CapacityReservation reservation = observation.reservation();
    ReservationState state = observation.state();
    xml.start("item")
        .element("capacityReservationId", reservation.id())
        .element("ownerId", reservation.ownerId())
        .element("capacityReservationArn", reservation.arn())
        .element("availabilityZoneId", reservation.availabilityZoneId())
        .element("instanceType", reservation.instanceType())
        .element("instancePlatform", reservation.platform())
        .element("availabilityZone", reservation.availabilityZone())
        .element("tenancy", "default")
        .element("totalInstanceCount", state.totalInstanceCount())
        .element("availableInstanceCount", state.availableInstanceCount())
        .element("ebsOptimized", true)
        .element("ephemeralStorage", false)
        .element("state", state.state())
        .element("startDate", timestamp(reservation.startDate()))
        .element("endDate", timestamp(reservation.endDate()))
        .element("endDateType", reservation.endDateType())
        .element("instanceMatchCriteria", reservation.instanceMatchCriteria())
        .element("createDate", timestamp(reservation.createDate()));
    tags(xml, reservation.tags());
    xml.element("reservationType", reservation.reservationType())
        .element("unusedReservationBillingOwnerId", reservation.billingOwnerId())
        .element("capacityBlockId", reservation.capacityBlockId());
    lending(xml, reservation, state);
    xml.end();
  }

  private static void lending(XmlWriter xml, CapacityReservation reservation, ReservationState state) {
    xml.element("interruptible", reservation.interruptible());
    LendingAllocation lending = state.lending();
    if (lending != null) {
      xml.start("interruptibleCapacityAllocation")
          .element("instanceCount", lending.instanceCount())
          .element("targetInstanceCount", lending.targetInstanceCount())
          .element("status", lending.status())
          .element("interruptibleCapacityReservationId", lending.interruptibleReservationId())
          .element("interruptionType", lending.interruptionType())
          .end();
    }
    InterruptionInfo interruption = reservation.interruptionInfo();
    if (interruption != null) {
      xml.start("interruptionInfo")
          .element("sourceCapacityReservationId", interruption.sourceReservationId())
          .element("interruptionType", interruption.interruptionType())
          .end();
    }
  }

  private static void tags(XmlWriter xml, Map<String, String> tags) {
    if (tags.isEmpty()) {
      return;
    }
    xml.start("tagSet");
    tags.forEach((key, value) -> xml.start("item").element("key", key).element("value", value).end());
    xml.end();
  }
}
