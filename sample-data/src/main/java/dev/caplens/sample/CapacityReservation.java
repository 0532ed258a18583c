package dev.caplens.sample;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The fixed attributes of an EC2 capacity reservation (ODCR, capacity block or interruptible
 * reservation). What changes hour by hour lives in {@link ReservationState}.
 */
public record CapacityReservation(
    String id,
    String ownerId,
    String region,
    String availabilityZone,
    String availabilityZoneId,
    String instanceType,
    String platform,
    String reservationType,
    String instanceMatchCriteria,
    Instant createDate,
    Instant startDate,
    Instant endDate,
    Map<String, String> tags,
    Set<String> sharedWith,
    String billingOwnerId,
    String capacityBlockId,
    InterruptionInfo interruptionInfo) {

  public CapacityReservation {
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    sharedWith = Set.copyOf(sharedWith);
  }

  public String arn() {
    return "arn:aws:ec2:" + region + ":" + ownerId + ":capacity-reservation/" + id;
  }

  public String endDateType() {
    return endDate == null ? "unlimited" : "limited";
  }

  public boolean interruptible() {
    return interruptionInfo != null;
  }

  /** EC2 lists a reservation to its owner and to every account it is shared with. */
  public boolean visibleTo(String accountId) {
    return ownerId.equals(accountId) || sharedWith.contains(accountId);
  }

  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** Named setters for the many attributes; the defaults are those of a plain open ODCR. */
  public static final class Builder {
    private final String id;
    private String ownerId;
    private String region;
    private String availabilityZone;
    private String availabilityZoneId;
    private String instanceType;
    private String platform = "Linux/UNIX";
    private String reservationType = "default";
    private String instanceMatchCriteria = "open";
    private Instant createDate;
    private Instant startDate;
    private Instant endDate;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final Set<String> sharedWith = new LinkedHashSet<>();
    private String billingOwnerId;
    private String capacityBlockId;
    private InterruptionInfo interruptionInfo;

    private Builder(String id) {
      this.id = id;
    }

    public Builder owner(String accountId) {
      this.ownerId = accountId;
      return this;
    }

    public Builder placement(String region, String availabilityZone, String availabilityZoneId) {
      this.region = region;
      this.availabilityZone = availabilityZone;
      this.availabilityZoneId = availabilityZoneId;
      return this;
    }

    public Builder instanceType(String instanceType) {
      this.instanceType = instanceType;
      return this;
    }

    public Builder platform(String platform) {
      this.platform = platform;
      return this;
    }

    public Builder capacityBlock(String capacityBlockId) {
      this.reservationType = "capacity-block";
      this.instanceMatchCriteria = "targeted";
      this.capacityBlockId = capacityBlockId;
      return this;
    }

    public Builder interruptibleFrom(String sourceReservationId) {
      this.interruptionInfo = new InterruptionInfo(sourceReservationId, "adhoc");
      return this;
    }

    /** The reservation starts when it is created. */
    public Builder created(Instant createDate) {
      return created(createDate, createDate);
    }

    public Builder created(Instant createDate, Instant startDate) {
      this.createDate = createDate;
      this.startDate = startDate;
      return this;
    }

    public Builder ends(Instant endDate) {
      this.endDate = endDate;
      return this;
    }

    public Builder tag(String key, String value) {
      tags.put(key, value);
      return this;
    }

    public Builder sharedWith(String... accountIds) {
      sharedWith.addAll(Set.of(accountIds));
      return this;
    }

    public Builder unusedCapacityBilledTo(String accountId) {
      this.billingOwnerId = accountId;
      return this;
    }

    public CapacityReservation build() {
      Objects.requireNonNull(ownerId, "owner of " + id);
      Objects.requireNonNull(region, "placement of " + id);
      Objects.requireNonNull(instanceType, "instance type of " + id);
      Objects.requireNonNull(createDate, "create date of " + id);
      return new CapacityReservation(id, ownerId, region, availabilityZone, availabilityZoneId,
          instanceType, platform, reservationType, instanceMatchCriteria, createDate, startDate,
          endDate, tags, sharedWith, billingOwnerId, capacityBlockId, interruptionInfo);
    }
  }
}
