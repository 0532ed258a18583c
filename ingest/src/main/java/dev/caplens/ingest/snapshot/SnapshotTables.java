package dev.caplens.ingest.snapshot;

import static dev.caplens.ingest.snapshot.SnapshotTable.ColumnType.BOOLEAN;
import static dev.caplens.ingest.snapshot.SnapshotTable.ColumnType.INT;
import static dev.caplens.ingest.snapshot.SnapshotTable.ColumnType.STRING;
import static dev.caplens.ingest.snapshot.SnapshotTable.ColumnType.TIMESTAMP;

/** The snapshot tables and their columns: the one place their schemas are declared (docs/warehouse.md). */
public final class SnapshotTables {

  /** Written last for a scope: a reader trusts a scope's rows only when this row exists. */
  public static final SnapshotTable<ScopeRow> SCOPES = SnapshotTable.<ScopeRow>named("scopes")
      .required("source", STRING, ScopeRow::source)
      .optional("pages", INT, ScopeRow::pages)
      .optional("calls", INT, ScopeRow::calls)
      .optional("rows", INT, ScopeRow::rows)
      .build();

  public static final SnapshotTable<ReservationRow> RESERVATIONS =
      SnapshotTable.<ReservationRow>named("reservations")
          .required("reservation_id", STRING, ReservationRow::reservationId)
          .optional("reservation_arn", STRING, ReservationRow::reservationArn)
          .optional("owner_account_id", STRING, ReservationRow::ownerAccountId)
          .optional("reservation_type", STRING, ReservationRow::reservationType)
          .optional("instance_type", STRING, ReservationRow::instanceType)
          .optional("platform", STRING, ReservationRow::platform)
          .optional("availability_zone", STRING, ReservationRow::availabilityZone)
          .optional("tenancy", STRING, ReservationRow::tenancy)
          .optional("instance_match_criteria", STRING, ReservationRow::instanceMatchCriteria)
          .optional("state", STRING, ReservationRow::state)
          .optional("total_instance_count", INT, ReservationRow::totalInstanceCount)
          .optional("available_instance_count", INT, ReservationRow::availableInstanceCount)
          .optional("create_date", TIMESTAMP, ReservationRow::createDate)
          .optional("start_date", TIMESTAMP, ReservationRow::startDate)
          .optional("end_date", TIMESTAMP, ReservationRow::endDate)
          .optional("end_date_type", STRING, ReservationRow::endDateType)
          .optional("capacity_block_id", STRING, ReservationRow::capacityBlockId)
          .optional("billing_owner_account_id", STRING, ReservationRow::billingOwnerAccountId)
          .optional("interruptible", BOOLEAN, ReservationRow::interruptible)
          .optional("source_reservation_id", STRING, ReservationRow::sourceReservationId)
          .optional("lent_instance_count", INT, ReservationRow::lentInstanceCount)
          .optional("lent_target_instance_count", INT, ReservationRow::lentTargetInstanceCount)
          .optional("lent_status", STRING, ReservationRow::lentStatus)
          .optional("lent_to_reservation_id", STRING, ReservationRow::lentToReservationId)
          .optional("tags_json", STRING, ReservationRow::tagsJson)
          .optional("reservation_name", STRING, ReservationRow::reservationName)
          .optional("charge_type", STRING, ReservationRow::chargeType)
          .optional("resource_group_id", STRING, ReservationRow::resourceGroupId)
          .optional("reported_used_instance_count", INT, ReservationRow::reportedUsedInstanceCount)
          .build();

  public static final SnapshotTable<UsageRow> RESERVATION_USAGE =
      SnapshotTable.<UsageRow>named("reservation_usage")
          .required("reservation_id", STRING, UsageRow::reservationId)
          .required("usage_account_id", STRING, UsageRow::usageAccountId)
          .optional("used_instance_count", INT, UsageRow::usedInstanceCount)
          .optional("availability_zone", STRING, UsageRow::availabilityZone)
          .optional("instance_type", STRING, UsageRow::instanceType)
          .optional("service_name", STRING, UsageRow::serviceName)
          .build();

  /** Instances found in each Alibaba pool (DescribeCapacityReservationInstances), to cross-check UsedAmount. */
  public static final SnapshotTable<PoolInstanceCountRow> POOL_INSTANCE_COUNTS =
      SnapshotTable.<PoolInstanceCountRow>named("pool_instance_counts")
          .required("reservation_id", STRING, PoolInstanceCountRow::reservationId)
          .optional("instance_count", INT, PoolInstanceCountRow::instanceCount)
          .build();

  public static final SnapshotTable<CapacityBlockRow> CAPACITY_BLOCKS =
      SnapshotTable.<CapacityBlockRow>named("capacity_blocks")
          .required("capacity_block_id", STRING, CapacityBlockRow::capacityBlockId)
          .optional("ultraserver_type", STRING, CapacityBlockRow::ultraserverType)
          .optional("availability_zone", STRING, CapacityBlockRow::availabilityZone)
          .optional("state", STRING, CapacityBlockRow::state)
          .optional("create_date", TIMESTAMP, CapacityBlockRow::createDate)
          .optional("start_date", TIMESTAMP, CapacityBlockRow::startDate)
          .optional("end_date", TIMESTAMP, CapacityBlockRow::endDate)
          .optional("reservation_ids_json", STRING, CapacityBlockRow::reservationIdsJson)
          .optional("tags_json", STRING, CapacityBlockRow::tagsJson)
          .build();

  public static final SnapshotTable<OutpostCapacityRow> OUTPOST_CAPACITY =
      SnapshotTable.<OutpostCapacityRow>named("outpost_capacity")
          .required("outpost_id", STRING, OutpostCapacityRow::outpostId)
          .optional("outpost_name", STRING, OutpostCapacityRow::outpostName)
          .optional("owner_account_id", STRING, OutpostCapacityRow::outpostOwnerAccountId)
          .optional("availability_zone", STRING, OutpostCapacityRow::availabilityZone)
          .optional("outpost_life_cycle_status", STRING, OutpostCapacityRow::outpostLifeCycleStatus)
          .required("asset_id", STRING, OutpostCapacityRow::assetId)
          .optional("asset_state", STRING, OutpostCapacityRow::assetState)
          .optional("instance_type", STRING, OutpostCapacityRow::instanceType)
          .optional("slot_count", INT, OutpostCapacityRow::slotCount)
          .build();

  public static final SnapshotTable<OutpostInstanceRow> OUTPOST_INSTANCES =
      SnapshotTable.<OutpostInstanceRow>named("outpost_instances")
          .required("outpost_id", STRING, OutpostInstanceRow::outpostId)
          .optional("asset_id", STRING, OutpostInstanceRow::assetId)
          .optional("instance_id", STRING, OutpostInstanceRow::instanceId)
          .optional("instance_type", STRING, OutpostInstanceRow::instanceType)
          .optional("instance_account_id", STRING, OutpostInstanceRow::instanceAccountId)
          .optional("aws_service", STRING, OutpostInstanceRow::awsService)
          .build();

  public static final SnapshotTable<CapacityTaskRow> CAPACITY_TASKS =
      SnapshotTable.<CapacityTaskRow>named("capacity_tasks")
          .required("capacity_task_id", STRING, CapacityTaskRow::capacityTaskId)
          .optional("outpost_id", STRING, CapacityTaskRow::outpostId)
          .optional("order_id", STRING, CapacityTaskRow::orderId)
          .optional("asset_id", STRING, CapacityTaskRow::assetId)
          .optional("status", STRING, CapacityTaskRow::status)
          .optional("creation_date", TIMESTAMP, CapacityTaskRow::creationDate)
          .optional("completion_date", TIMESTAMP, CapacityTaskRow::completionDate)
          .optional("last_modified_date", TIMESTAMP, CapacityTaskRow::lastModifiedDate)
          .optional("requested_pools_json", STRING, CapacityTaskRow::requestedPoolsJson)
          .optional("failure_type", STRING, CapacityTaskRow::failureType)
          .optional("failure_reason", STRING, CapacityTaskRow::failureReason)
          .optional("dry_run", BOOLEAN, CapacityTaskRow::dryRun)
          .build();

  private SnapshotTables() {}
}
