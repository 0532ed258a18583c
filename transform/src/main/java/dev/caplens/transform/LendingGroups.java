package dev.caplens.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.when;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Which reservations {@link ReservationTimeline} must see together: an interruptible reservation
 * with its source, whose capacity it borrows and to whom its use is charged. Every other
 * reservation is a group of its own. A group is named by the smallest reservation id in it; pairs
 * that share a reservation are one group, so a source that lends to several interruptible
 * reservations (or an interruptible one whose source changed) is seen whole.
 */
final class LendingGroups {

  /**
   * Reads the lending pairs from reservation rows as ingest wrote them: a few hundred rows, read
   * once and held by the driver.
   */
  static LendingGroups of(Dataset<Row> reservationsDF) {
    List<Row> pairs = reservationsDF
        .filter(col("interruptible").equalTo(true).and(col("source_reservation_id").isNotNull()))
        .select("provider", "reservation_id", "source_reservation_id")
        .distinct()
        .collectAsList();
    Map<List<String>, List<String>> parent = new HashMap<>();
    for (Row pair : pairs) {
      union(parent, List.of(pair.getString(0), pair.getString(1)), List.of(pair.getString(0), pair.getString(2)));
    }
    Map<String, String> groupOf = new TreeMap<>();
    for (List<String> reservation : parent.keySet()) {
      groupOf.put(key(reservation.get(0), reservation.get(1)), root(parent, reservation).get(1));
    }
    return new LendingGroups(groupOf);
  }

  /** provider + NUL + reservation id, for the reservations in a lending pair: the group's id. */
  final Map<String, String> groupOf;

  private LendingGroups(Map<String, String> groupOf) {
    this.groupOf = groupOf;
  }

  /**
   * The rows with group_id added last: the reservation's group, else its own id. A set lookup
   * picks out the few rows of lending pairs, and only those look up their group in a map (a join
   * with the pairs cost a hash-table probe, and a copy, of every listing and usage row).
   */
  Dataset<Row> withGroupIds(Dataset<Row> rowsDF) {
    if (groupOf.isEmpty()) {
      return rowsDF.withColumn("group_id", col("reservation_id"));
    }
    Column key = concat(col("provider"), lit(KEY_SEPARATOR), col("reservation_id"));
    return rowsDF.withColumn("group_id", when(key.isin(groupOf.keySet().toArray()),
        element_at(groupMap(), key)).otherwise(col("reservation_id")));
  }

  /** Joins the groups of two reservations; the smaller id names the group. */
  private static void union(Map<List<String>, List<String>> parent, List<String> a, List<String> b) {
    List<String> rootA = root(parent, a);
    List<String> rootB = root(parent, b);
    if (rootA.get(1).compareTo(rootB.get(1)) <= 0) {
      parent.put(rootB, rootA);
    } else {
      parent.put(rootA, rootB);
    }
  }

  /** The groups as a map literal (Spark folds it to a constant). */
  private Column groupMap() {
    return map(groupOf.entrySet().stream()
        .flatMap(entry -> Stream.of(lit(entry.getKey()), lit(entry.getValue())))
        .toArray(Column[]::new));
  }

  private static String key(String provider, String reservationId) {
    return provider + KEY_SEPARATOR + reservationId;
  }

  /** Between provider and reservation id in {@link #groupOf}'s keys: a character no id holds. */
  private static final String KEY_SEPARATOR = "\u0000";

  private static List<String> root(Map<List<String>, List<String>> parent, List<String> reservation) {
    List<String> current = reservation;
    parent.putIfAbsent(current, current);
    while (!parent.get(current).equals(current)) {
      current = parent.get(current);
    }
    return current;
  }
}
