package dev.caplens.transform;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Which reservations {@link ReservationTimeline} must see together: an interruptible reservation
 * with its source, whose capacity it borrows and to whom its use is charged. Every other
 * reservation is a group of its own. A group is named by the smallest reservation id in it; pairs
 * that share a reservation are one group, so a source that lends to several interruptible
 * reservations (or an interruptible one whose source changed) is seen whole.
 */
final class LendingGroups {

  private static final StructType SCHEMA = new StructType()
      .add("provider", DataTypes.StringType)
      .add("reservation_id", DataTypes.StringType)
      .add("group_id", DataTypes.StringType);

  /**
   * provider, reservation_id and group_id of every reservation in a lending pair, from
   * reservation rows as ingest wrote them: the pairs are a few hundred rows, read once and held by
   * the driver, broadcast to where the listings and usage rows are.
   */
  static Dataset<Row> of(Dataset<Row> reservationsDF) {
    List<Row> pairs = reservationsDF
        .filter(col("interruptible").equalTo(true).and(col("source_reservation_id").isNotNull()))
        .select("provider", "reservation_id", "source_reservation_id")
        .distinct()
        .collectAsList();
    Map<List<String>, List<String>> parent = new HashMap<>();
    for (Row pair : pairs) {
      union(parent, List.of(pair.getString(0), pair.getString(1)), List.of(pair.getString(0), pair.getString(2)));
    }
    List<Row> rows = new ArrayList<>();
    for (List<String> reservation : parent.keySet()) {
      rows.add(RowFactory.create(reservation.get(0), reservation.get(1), root(parent, reservation).get(1)));
    }
    return reservationsDF.sparkSession().createDataFrame(rows, SCHEMA);
  }

  /** The rows with group_id added last: the reservation's group, else its own id. */
  static Dataset<Row> withGroupIds(Dataset<Row> rowsDF, Dataset<Row> groupsDF) {
    Column[] columns = Stream.concat(
            Stream.of(rowsDF.columns()).map(name -> rowsDF.col(name)),
            Stream.of(coalesce(groupsDF.col("group_id"), rowsDF.col("reservation_id")).as("group_id")))
        .toArray(Column[]::new);
    return rowsDF.join(broadcast(groupsDF), rowsDF.col("provider").equalTo(groupsDF.col("provider"))
            .and(rowsDF.col("reservation_id").equalTo(groupsDF.col("reservation_id"))), "left")
        .select(columns);
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

  private static List<String> root(Map<List<String>, List<String>> parent, List<String> reservation) {
    List<String> current = reservation;
    parent.putIfAbsent(current, current);
    while (!parent.get(current).equals(current)) {
      current = parent.get(current);
    }
    return current;
  }

  private LendingGroups() {}
}
