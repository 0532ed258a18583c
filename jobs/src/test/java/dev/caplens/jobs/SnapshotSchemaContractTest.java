package dev.caplens.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caplens.ingest.snapshot.SnapshotTable;
import dev.caplens.ingest.snapshot.SnapshotTables;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Ingest writes the snapshot tables with parquet-java and transform reads them with Spark; each
 * side declares the schema once. Every column transform reads must be written by ingest with the
 * same name, a matching type, and no looser nullability than transform expects.
 */
class SnapshotSchemaContractTest {

  private static final Map<String, SnapshotTable<?>> WRITTEN = Map.of(
      "scopes", SnapshotTables.SCOPES,
      "reservations", SnapshotTables.RESERVATIONS,
      "reservation_usage", SnapshotTables.RESERVATION_USAGE,
      "outpost_capacity", SnapshotTables.OUTPOST_CAPACITY,
      "outpost_instances", SnapshotTables.OUTPOST_INSTANCES,
      "capacity_tasks", SnapshotTables.CAPACITY_TASKS,
      "pool_instance_counts", SnapshotTables.POOL_INSTANCE_COUNTS);

  @Test
  void everyColumnTransformReadsIsWrittenByIngestWithTheSameType() {
    for (String table : List.of("scopes", "reservations", "reservation_usage", "outpost_capacity",
        "outpost_instances", "capacity_tasks", "pool_instance_counts")) {
      MessageType written = WRITTEN.get(table).messageType();
      StructType read = dev.caplens.transform.SnapshotTables.schema(table);
      for (StructField field : read.fields()) {
        if (field.name().equals("provider") || field.name().equals("snapshot_date")) {
          continue; // partition columns: the directory names, not the file
        }
        assertThat(written.containsField(field.name())).as(table + "." + field.name() + " written by ingest").isTrue();
        Type column = written.getType(field.name());
        assertThat(sparkType(column.asPrimitiveType())).as(table + "." + field.name()).isEqualTo(field.dataType());
        if (!field.nullable()) {
          assertThat(column.isRepetition(Type.Repetition.REQUIRED)).as(table + "." + field.name() + " required").isTrue();
        }
      }
    }
  }

  private static DataType sparkType(PrimitiveType column) {
    LogicalTypeAnnotation logical = column.getLogicalTypeAnnotation();
    return switch (column.getPrimitiveTypeName()) {
      case BINARY -> logical == LogicalTypeAnnotation.stringType() ? DataTypes.StringType : DataTypes.BinaryType;
      case INT32 -> DataTypes.IntegerType;
      case BOOLEAN -> DataTypes.BooleanType;
      case INT64 -> logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts && ts.isAdjustedToUTC()
          ? DataTypes.TimestampType : DataTypes.LongType;
      default -> throw new AssertionError("unexpected Parquet type " + column);
    };
  }
}
