package dev.caplens.transform;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/** Small helpers for the Java side of the Dataset API. */
final class Cols {

  /** Column names as the Scala sequence {@code Dataset.join(right, usingColumns, joinType)} takes. */
  static Seq<String> using(String... names) {
    return using(List.of(names));
  }

  static Seq<String> using(List<String> names) {
    return CollectionConverters.asScala(names).toList();
  }

  static Column[] of(List<String> names) {
    return names.stream().map(functions::col).toArray(Column[]::new);
  }

  /** The columns of a schema, in order, for the {@code select} that ends every transform. */
  static Column[] of(StructType schema) {
    return Arrays.stream(schema.fieldNames()).map(functions::col).toArray(Column[]::new);
  }

  private Cols() {}
}
