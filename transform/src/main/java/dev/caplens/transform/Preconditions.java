package dev.caplens.transform;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Checks on inputs handed in by a caller, run before any Spark job. */
final class Preconditions {

  /** Fails naming every column of {@code expected} that is missing or has another type. */
  static void requireColumns(Dataset<Row> df, StructType expected, String what) {
    if (df == null) {
      throw new IllegalArgumentException(what + " is null");
    }
    StructType actual = df.schema();
    List<String> problems = new ArrayList<>();
    for (StructField field : expected.fields()) {
      if (!List.of(actual.fieldNames()).contains(field.name())) {
        problems.add("missing column " + field.name() + " " + field.dataType().simpleString());
        continue;
      }
      DataType actualType = actual.apply(field.name()).dataType();
      if (!actualType.sameType(field.dataType())) {
        problems.add("column " + field.name() + " is " + actualType.simpleString() + ", expected "
            + field.dataType().simpleString());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(what + ": " + String.join("; ", problems));
    }
  }

  private Preconditions() {}
}
