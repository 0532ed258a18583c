-- DESIGN.md "What the numbers mean" in DuckDB SQL, for the instance-hour figures of
-- reservation_daily: carry-forward up to max_carry, the scope's next snapshot ends an
-- observation, clipping to the day and to [start_date, end_date), billable states only, lending
-- pairs, Alibaba pool resources and Outpost slot types. Reads the views scopes, reservations,
-- outpost_capacity and outpost_instances; ${FIRST_DAY}/${LAST_DAY} are epoch days of the period,
-- ${MAX_CARRY_US} the carry in microseconds. Costs and data quality are not computed here.
WITH trusted_reservations AS (
  SELECT r.* FROM reservations r
  SEMI JOIN scopes s USING (provider, account_id, region, snapshot_time, run_id)
),
pool_sized AS (
  SELECT *, count(*) OVER (PARTITION BY provider, account_id, region, snapshot_time, run_id, reservation_id) AS pool_resources
  FROM trusted_reservations
),
listed AS (
  SELECT provider,
         CASE WHEN provider = 'aliyun' AND pool_resources > 1
              THEN reservation_id || ':' || coalesce(availability_zone, '') || ':' || coalesce(instance_type, '')
              ELSE reservation_id END AS reservation_id,
         account_id, region, snapshot_time, coalesce(owner_account_id, account_id) AS owner_account_id,
         reservation_type, interruptible, state, total_instance_count, available_instance_count,
         start_date, end_date, source_reservation_id, lent_instance_count
  FROM pool_sized
),
trusted_capacity AS (
  SELECT c.* FROM outpost_capacity c SEMI JOIN scopes s USING (provider, account_id, region, snapshot_time, run_id)
),
trusted_instances AS (
  SELECT i.* FROM outpost_instances i SEMI JOIN scopes s USING (provider, account_id, region, snapshot_time, run_id)
),
running AS (
  SELECT provider, account_id, region, snapshot_time, run_id, outpost_id, instance_type, count(*) AS running
  FROM trusted_instances WHERE instance_type IS NOT NULL
  GROUP BY ALL
),
slots AS (
  SELECT provider, account_id, region, snapshot_time, run_id, outpost_id, instance_type,
         bool_or(coalesce(asset_state = 'ACTIVE', false)) AS any_active,
         sum(CASE WHEN coalesce(asset_state = 'ACTIVE', false) THEN slot_count END) AS active_slots,
         sum(slot_count) AS all_slots,
         min(asset_state) AS inactive_state,
         max(owner_account_id) AS owner_account_id
  FROM trusted_capacity WHERE instance_type IS NOT NULL
  GROUP BY ALL
),
outpost_listed AS (
  SELECT s.provider, s.outpost_id || ':' || s.instance_type AS reservation_id, s.account_id, s.region, s.snapshot_time,
         coalesce(s.owner_account_id, s.account_id) AS owner_account_id,
         NULL::VARCHAR AS reservation_type, NULL::BOOLEAN AS interruptible,
         CASE WHEN s.any_active THEN 'ACTIVE' ELSE s.inactive_state END AS state,
         CAST(CASE WHEN s.any_active THEN s.active_slots ELSE s.all_slots END AS INTEGER) AS total_instance_count,
         CAST(greatest(CASE WHEN s.any_active THEN s.active_slots ELSE s.all_slots END - coalesce(r.running, 0), 0) AS INTEGER)
           AS available_instance_count,
         NULL::TIMESTAMPTZ AS start_date, NULL::TIMESTAMPTZ AS end_date,
         NULL::VARCHAR AS source_reservation_id, NULL::INTEGER AS lent_instance_count
  FROM slots s LEFT JOIN running r USING (provider, account_id, region, snapshot_time, run_id, outpost_id, instance_type)
),
all_listed AS (
  SELECT * FROM listed UNION ALL BY NAME SELECT * FROM outpost_listed
),
one_per_instant AS (
  SELECT * FROM all_listed
  QUALIFY row_number() OVER (PARTITION BY provider, reservation_id, snapshot_time
                             ORDER BY CASE WHEN account_id = owner_account_id THEN 0 ELSE 1 END, account_id, region) = 1
),
scope_timeline AS (
  SELECT provider, account_id, region, snapshot_time,
         lead(epoch_us(snapshot_time)) OVER (PARTITION BY provider, account_id, region ORDER BY snapshot_time) AS next_snapshot_us
  FROM (SELECT DISTINCT provider, account_id, region, snapshot_time FROM scopes)
),
observations AS (
  SELECT o.*, epoch_us(o.snapshot_time) AS observed_us,
         least(coalesce(lead(epoch_us(o.snapshot_time)) OVER (PARTITION BY o.provider, o.reservation_id ORDER BY o.snapshot_time), 9223372036854775807),
               coalesce(t.next_snapshot_us, 9223372036854775807),
               epoch_us(o.snapshot_time) + ${MAX_CARRY_US}) AS interval_end_us,
         CASE WHEN o.provider = 'outposts' THEN 'outpost'
              WHEN o.provider = 'aliyun' THEN 'private-pool'
              WHEN o.reservation_type = 'capacity-block' THEN 'capacity-block'
              WHEN o.interruptible THEN 'interruptible'
              ELSE 'odcr' END AS reservation_kind,
         coalesce((o.provider = 'aws' AND o.state = 'active') OR (o.provider = 'outposts' AND o.state = 'ACTIVE')
                  OR (o.provider = 'aliyun' AND o.state = 'Active'), false) AS billable,
         epoch_us(o.start_date) AS start_us, epoch_us(o.end_date) AS end_us
  FROM one_per_instant o JOIN scope_timeline t USING (provider, account_id, region, snapshot_time)
),
flagged AS (
  SELECT *, reservation_kind = 'interruptible' AS is_borrower,
         coalesce(total_instance_count >= 0 AND available_instance_count >= 0
                  AND available_instance_count <= total_instance_count, false) AS counts_valid
  FROM observations
),
in_use AS (
  SELECT *, CASE WHEN billable AND counts_valid THEN total_instance_count - available_instance_count ELSE 0 END AS in_use,
         NOT is_borrower AND billable AS carries_capacity
  FROM flagged
),
paired AS (
  SELECT *, sum(CASE WHEN is_borrower THEN in_use END) OVER (
              PARTITION BY provider, CASE WHEN is_borrower THEN source_reservation_id ELSE reservation_id END, snapshot_time)
            AS borrowers_in_use
  FROM in_use
),
counted AS (
  SELECT *,
         CASE WHEN carries_capacity THEN greatest(coalesce(lent_instance_count, 0), 0) ELSE 0 END AS lent_count,
         CASE WHEN carries_capacity AND total_instance_count >= 0 THEN total_instance_count ELSE 0 END AS reserved_count,
         CASE WHEN is_borrower THEN in_use ELSE 0 END AS borrowed_count
  FROM paired
),
used AS (
  SELECT *,
         CASE WHEN carries_capacity AND counts_valid THEN least(coalesce(borrowers_in_use, 0), lent_count) ELSE 0 END AS borrower_used_count,
         CASE WHEN carries_capacity AND counts_valid THEN greatest(in_use - lent_count, 0) ELSE 0 END AS owner_used_count
  FROM counted
),
days AS (
  SELECT *, unnest(range(greatest(observed_us // 86400000000, ${FIRST_DAY}),
                         least((observed_us + ${MAX_CARRY_US} - 1) // 86400000000, ${LAST_DAY}) + 1)) AS day
  FROM used
),
pieces AS (
  SELECT *, greatest(0, least(least(interval_end_us, coalesce(end_us, interval_end_us)), (day + 1) * 86400000000)
                        - greatest(greatest(observed_us, coalesce(start_us, observed_us)), day * 86400000000)) AS piece_us
  FROM days
)
SELECT provider, reservation_id, day,
       arg_max(owner_account_id, observed_us) AS owner_account_id,
       arg_max(reservation_kind, observed_us) AS reservation_kind,
       sum(reserved_count::HUGEINT * piece_us) AS reserved_ius,
       sum((owner_used_count + borrower_used_count)::HUGEINT * piece_us) AS used_ius,
       sum(lent_count::HUGEINT * piece_us) AS lent_ius,
       sum(borrowed_count::HUGEINT * piece_us) AS borrowed_ius
FROM pieces
GROUP BY provider, reservation_id, day
