-- DESIGN.md "What the numbers mean" in DuckDB SQL: the figures of caplens's reservation_daily and
-- account_usage_daily marts. Instance-hours: carry-forward up to max_carry, the scope's next
-- snapshot ends an observation, clipping to the day and to [start_date, end_date), billable
-- states only, lending pairs, Alibaba pool resources and Outpost slot types. Costs: the hourly
-- rate of (provider, region, instance type, platform or '*', pricing model), an Outposts rate
-- under provider aws, instance-microseconds x rate rounded half-up to 10 places once. Accounts:
-- each observation's used instances split among the accounts its scope's usage rows name
-- (InstanceUsages, Alibaba CapacityReservationUsages, Outposts instances per account), scaled
-- down when they claim more than is used, the unexplained rest charged to the owner, the split
-- in whole instance-microseconds with the remainder to the largest claim; chargeback at the
-- reservation's rate, used_cost their sum, idle_cost = reserved_cost - used_cost.
-- Not computed here: unobserved_hours and data quality.
--
-- Reads the views scopes, reservations, reservation_usage, outpost_capacity and outpost_instances;
-- ${FIRST_DAY}/${LAST_DAY} are epoch days of the period, ${MAX_CARRY_US} the carry in
-- microseconds, ${PRICES} the prices file, ${RESERVATION_DAILY} and ${ACCOUNT_USAGE_DAILY} the
-- Parquet files written. Costs are written as BIGINT ten-billionths (_e10), exact.
-- Statements run in order, each ending with a line that ends in ';'.

-- Per Alibaba pool and listing: its resources (zone x instance type; a pool listed twice by
-- overlapping pages is still one resource). A pool of several becomes one reservation per resource.
CREATE OR REPLACE TEMP TABLE pool_sizes AS
SELECT provider, account_id, region, snapshot_time, run_id, reservation_id,
       count(DISTINCT coalesce(availability_zone, '') || ':' || coalesce(instance_type, '')) AS pool_resources
FROM reservations SEMI JOIN scopes s USING (provider, account_id, region, snapshot_time, run_id)
WHERE provider = 'aliyun'
GROUP BY ALL;

-- One row per reservation and snapshot instant, with its interval and instance counts.
CREATE OR REPLACE TEMP TABLE observations AS
WITH trusted_reservations AS (
  SELECT r.* FROM reservations r
  SEMI JOIN scopes s USING (provider, account_id, region, snapshot_time, run_id)
),
listed AS (
  SELECT r.provider,
         CASE WHEN coalesce(p.pool_resources, 0) > 1
              THEN r.reservation_id || ':' || coalesce(r.availability_zone, '') || ':' || coalesce(r.instance_type, '')
              ELSE r.reservation_id END AS reservation_id,
         r.account_id, region, snapshot_time, coalesce(owner_account_id, account_id) AS owner_account_id,
         coalesce(billing_owner_account_id, owner_account_id, account_id) AS billing_owner_account_id,
         instance_type, platform,
         reservation_type, interruptible, state, total_instance_count, available_instance_count,
         start_date, end_date, source_reservation_id, lent_instance_count
  FROM trusted_reservations r LEFT JOIN pool_sizes p USING (provider, account_id, region, snapshot_time, run_id, reservation_id)
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
         coalesce(s.owner_account_id, s.account_id) AS billing_owner_account_id,
         s.instance_type, NULL::VARCHAR AS platform,
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
carried AS (
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
         CASE reservation_kind WHEN 'capacity-block' THEN 'capacity-block' WHEN 'outpost' THEN 'outpost'
              ELSE 'on-demand' END AS pricing_model,
         reservation_kind = 'odcr' AND billable AND end_date IS NULL AS lendable,
         coalesce(total_instance_count >= 0 AND available_instance_count >= 0
                  AND available_instance_count <= total_instance_count, false) AS counts_valid
  FROM carried
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
)
SELECT provider, reservation_id, account_id, region, snapshot_time, observed_us, interval_end_us, owner_account_id,
       billing_owner_account_id, reservation_kind, pricing_model, instance_type, platform, lendable, start_us, end_us,
       source_reservation_id, reserved_count, owner_used_count + borrower_used_count AS used_count, lent_count,
       borrower_used_count, borrowed_count
FROM used;

-- Each observation on every day its longest carry reaches, with the instance-microseconds of its piece of it.
CREATE OR REPLACE TEMP TABLE pieces AS
SELECT *,
       reserved_count::BIGINT * piece_us AS reserved_ius,
       used_count::BIGINT * piece_us AS used_ius,
       lent_count::BIGINT * piece_us AS lent_ius,
       borrower_used_count::BIGINT * piece_us AS borrower_ius,
       borrowed_count::BIGINT * piece_us AS borrowed_ius
FROM (
  SELECT *, greatest(0, least(least(interval_end_us, coalesce(end_us, interval_end_us)), (day + 1) * 86400000000)
                        - greatest(greatest(observed_us, coalesce(start_us, observed_us)), day * 86400000000)) AS piece_us
  FROM (
    SELECT *, unnest(range(greatest(observed_us // 86400000000, ${FIRST_DAY}),
                           least((observed_us + ${MAX_CARRY_US} - 1) // 86400000000, ${LAST_DAY}) + 1)) AS day
    FROM observations
  )
);

-- Per reservation and day: the sums, the attributes of the day's latest observation and its rate.
CREATE OR REPLACE TEMP TABLE reservation_days AS
WITH sums AS (
  SELECT provider, reservation_id, day, max(snapshot_time) AS latest_snapshot_time,
         sum(reserved_ius) AS reserved_ius, sum(used_ius) AS used_ius, sum(lent_ius) AS lent_ius,
         sum(borrower_ius) AS borrower_ius, sum(borrowed_ius) AS borrowed_ius
  FROM pieces
  GROUP BY provider, reservation_id, day
  HAVING max(piece_us) > 0
),
prices AS (
  SELECT CASE WHEN provider = 'outposts' THEN 'aws' ELSE provider END AS price_provider,
         region, instance_type, platform, pricing_model, hourly_rate, currency
  FROM read_csv('${PRICES}', header = true, columns = {'provider': 'VARCHAR', 'region': 'VARCHAR',
       'instance_type': 'VARCHAR', 'platform': 'VARCHAR', 'pricing_model': 'VARCHAR',
       'hourly_rate': 'DECIMAL(18,8)', 'currency': 'VARCHAR'})
  QUALIFY row_number() OVER (PARTITION BY price_provider, region, instance_type, platform, pricing_model
                             ORDER BY provider = 'outposts' DESC) = 1
),
attributed AS (
  SELECT s.*, o.owner_account_id, o.billing_owner_account_id, o.reservation_kind, o.region, o.instance_type,
         o.platform, o.pricing_model, o.lendable,
         CASE WHEN s.provider = 'outposts' THEN 'aws' ELSE s.provider END AS price_provider
  FROM sums s
  JOIN observations o ON o.provider = s.provider AND o.reservation_id = s.reservation_id
                     AND o.snapshot_time = s.latest_snapshot_time
)
SELECT r.* EXCLUDE (latest_snapshot_time, price_provider),
       CASE WHEN e.hourly_rate IS NOT NULL THEN e.hourly_rate ELSE a.hourly_rate END AS hourly_rate,
       CASE WHEN e.hourly_rate IS NOT NULL THEN e.currency ELSE a.currency END AS currency,
       CAST((CASE WHEN e.hourly_rate IS NOT NULL THEN e.hourly_rate ELSE a.hourly_rate END) * 100000000 AS HUGEINT) AS rate_e8
FROM attributed r
LEFT JOIN prices e ON e.price_provider = r.price_provider AND e.region = r.region AND e.instance_type = r.instance_type
                  AND e.platform = r.platform AND e.pricing_model = r.pricing_model
LEFT JOIN prices a ON a.price_provider = r.price_provider AND a.region = r.region AND a.instance_type = r.instance_type
                  AND a.platform = '*' AND a.pricing_model = r.pricing_model;

-- Per reservation, day and consuming account: the instance-microseconds it ran and their chargeback.
CREATE OR REPLACE TEMP TABLE account_usage_daily AS
WITH trusted_usage AS (
  SELECT u.* FROM reservation_usage u SEMI JOIN scopes s USING (provider, account_id, region, snapshot_time, run_id)
),
usage_rows AS (
  SELECT u.provider,
         CASE WHEN u.provider = 'aliyun' AND coalesce(p.pool_resources, 0) > 1
              THEN u.reservation_id || ':' || coalesce(u.availability_zone, '') || ':' || coalesce(u.instance_type, '')
              ELSE u.reservation_id END AS reservation_id,
         u.account_id, u.region, u.snapshot_time, u.usage_account_id, u.used_instance_count
  FROM trusted_usage u LEFT JOIN pool_sizes p USING (provider, account_id, region, snapshot_time, run_id, reservation_id)
  UNION ALL
  SELECT provider, outpost_id || ':' || instance_type, account_id, region, snapshot_time, instance_account_id,
         count(*)::INTEGER
  FROM outpost_instances SEMI JOIN scopes s USING (provider, account_id, region, snapshot_time, run_id)
  WHERE instance_type IS NOT NULL AND instance_account_id IS NOT NULL
  GROUP BY provider, account_id, region, snapshot_time, run_id, outpost_id, instance_type, instance_account_id
),
claims AS (
  SELECT o.provider, CASE WHEN o.reservation_kind = 'interruptible' THEN o.source_reservation_id ELSE o.reservation_id END
           AS charged_reservation_id,
         o.snapshot_time, u.usage_account_id AS account_id, sum(u.used_instance_count::BIGINT) AS claimed_count
  FROM usage_rows u
  JOIN observations o ON o.provider = u.provider AND o.reservation_id = u.reservation_id AND o.account_id = u.account_id
                     AND o.region = u.region AND o.snapshot_time = u.snapshot_time
  WHERE u.used_instance_count > 0 AND charged_reservation_id IS NOT NULL
  GROUP BY ALL
),
ranked_claims AS (
  SELECT *, sum(claimed_count) OVER observation AS claimed_total,
         row_number() OVER (observation ORDER BY claimed_count DESC, account_id) AS claim_rank
  FROM claims
  WINDOW observation AS (PARTITION BY provider, charged_reservation_id, snapshot_time)
),
shares AS (
  SELECT p.provider, p.reservation_id, p.snapshot_time, p.day, p.owner_account_id, p.used_count, p.used_ius,
         c.account_id, c.claimed_total, c.claim_rank,
         CASE WHEN c.account_id IS NULL THEN 0
              ELSE (c.claimed_count::HUGEINT * p.used_count * p.piece_us) // greatest(c.claimed_total, p.used_count)
              END AS share_ius
  FROM pieces p
  LEFT JOIN ranked_claims c ON c.provider = p.provider AND c.charged_reservation_id = p.reservation_id
                           AND c.snapshot_time = p.snapshot_time
  WHERE p.piece_us > 0 AND p.reservation_kind <> 'interruptible'
),
residues AS (
  SELECT *, used_ius - sum(share_ius) OVER (PARTITION BY provider, reservation_id, snapshot_time, day) AS residue_ius
  FROM shares
),
parts AS (
  SELECT provider, reservation_id, day, account_id, share_ius AS ius FROM residues WHERE share_ius > 0
  UNION ALL
  SELECT provider, reservation_id, day,
         CASE WHEN claimed_total > used_count THEN account_id ELSE owner_account_id END, residue_ius
  FROM residues WHERE (claim_rank = 1 OR account_id IS NULL) AND residue_ius > 0
),
account_days AS (
  SELECT provider, reservation_id, day, account_id, sum(ius) AS account_ius FROM parts GROUP BY ALL
)
SELECT a.*, r.hourly_rate, r.currency, ((a.account_ius * r.rate_e8 + 18000000) // 36000000)::BIGINT AS chargeback_e10
FROM account_days a JOIN reservation_days r USING (provider, reservation_id, day);

COPY (
  WITH charged AS (
    SELECT provider, reservation_id, day, sum(chargeback_e10) AS charged_back_e10
    FROM account_usage_daily GROUP BY ALL
  ),
  costed AS (
    SELECT r.*,
           CASE WHEN r.reservation_kind = 'interruptible' THEN 0
                ELSE ((r.reserved_ius * r.rate_e8 + 18000000) // 36000000)::BIGINT END AS reserved_cost_e10,
           CASE WHEN r.reservation_kind = 'interruptible' THEN 0 WHEN r.rate_e8 IS NULL THEN NULL
                ELSE coalesce(c.charged_back_e10, 0)::BIGINT END AS used_cost_e10,
           CASE WHEN r.reservation_kind = 'interruptible' THEN 0
                ELSE ((r.borrower_ius * r.rate_e8 + 18000000) // 36000000)::BIGINT END AS lending_savings_e10
    FROM reservation_days r LEFT JOIN charged c USING (provider, reservation_id, day)
  )
  SELECT * EXCLUDE (rate_e8), reserved_cost_e10 - used_cost_e10 AS idle_cost_e10 FROM costed
) TO '${RESERVATION_DAILY}' (FORMAT parquet);

COPY account_usage_daily TO '${ACCOUNT_USAGE_DAILY}' (FORMAT parquet);
