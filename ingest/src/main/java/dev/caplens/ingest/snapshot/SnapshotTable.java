package dev.caplens.ingest.snapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * A snapshot table: its name and its columns, each with the function that reads the value from a
 * row object. The scope columns (account_id, region, snapshot_time, run_id) come first in every
 * table and are filled from the {@link ScopeSnapshot} the file is written for.
 */
public final class SnapshotTable<T> {

  /** Parquet column types used by snapshots. */
  public enum ColumnType { STRING, INT, BOOLEAN, TIMESTAMP }

  /** One column: name, type, whether it may be null, and how to read it from a row. */
  public record Column<T>(String name, ColumnType type, boolean required, Function<T, Object> value) {}

  private final String name;
  private final List<Column<T>> rowColumns;

  private SnapshotTable(String name, List<Column<T>> rowColumns) {
    this.name = name;
    this.rowColumns = List.copyOf(rowColumns);
  }

  public static <T> Builder<T> named(String name) {
    return new Builder<>(name);
  }

  public String name() {
    return name;
  }

  public List<Column<T>> rowColumns() {
    return rowColumns;
  }

  /** Column names in file order, scope columns first. */
  public List<String> columnNames() {
    List<String> names = new ArrayList<>(List.of("account_id", "region", "snapshot_time", "run_id"));
    rowColumns.forEach(c -> names.add(c.name()));
    return names;
  }

  public MessageType messageType() {
    Types.MessageTypeBuilder message = Types.buildMessage();
    message.addField(primitive("account_id", ColumnType.STRING, true));
    message.addField(primitive("region", ColumnType.STRING, true));
    message.addField(primitive("snapshot_time", ColumnType.TIMESTAMP, true));
    message.addField(primitive("run_id", ColumnType.STRING, true));
    for (Column<T> column : rowColumns) {
      message.addField(primitive(column.name(), column.type(), column.required()));
    }
    return message.named(name);
  }

  private static Type primitive(String name, ColumnType type, boolean required) {
    var repetition = required ? Type.Repetition.REQUIRED : Type.Repetition.OPTIONAL;
    return switch (type) {
      case STRING -> Types.primitive(PrimitiveTypeName.BINARY, repetition)
          .as(LogicalTypeAnnotation.stringType()).named(name);
      case INT -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
      case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
      case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, repetition)
          .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS))
          .named(name);
    };
  }

  /** Microseconds since the epoch, as Parquet's TIMESTAMP(MICROS) stores it. */
  static long micros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
  }

  public static final class Builder<T> {
    private final String name;
    private final List<Column<T>> columns = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    public Builder<T> required(String column, ColumnType type, Function<T, Object> value) {
      columns.add(new Column<>(column, type, true, value));
      return this;
    }

    public Builder<T> optional(String column, ColumnType type, Function<T, Object> value) {
      columns.add(new Column<>(column, type, false, value));
      return this;
    }

    public SnapshotTable<T> build() {
      return new SnapshotTable<>(name, columns);
    }
  }
}
