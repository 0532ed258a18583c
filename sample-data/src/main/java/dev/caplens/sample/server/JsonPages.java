package dev.caplens.sample.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Cuts a JSON reply's item array down to one page. */
final class JsonPages {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonPages() {}

  static ObjectNode parse(String json) {
    try {
      return (ObjectNode) MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("sample-org holds malformed JSON", e);
    }
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** The array at {@code pointer} (e.g. /CapacityReservationSet/CapacityReservationItem), filtered. */
  static List<JsonNode> items(ObjectNode reply, String pointer, Predicate<JsonNode> filter) {
    List<JsonNode> items = new ArrayList<>();
    reply.at(pointer).forEach(item -> {
      if (filter.test(item)) {
        items.add(item);
      }
    });
    return items;
  }

  /** Replaces the array at {@code pointer} with {@code items[from, to)}. */
  static void keep(ObjectNode reply, String pointer, List<JsonNode> items, PageTokens.Page page) {
    int slash = pointer.lastIndexOf('/');
    ObjectNode parent = slash == 0 ? reply : (ObjectNode) reply.at(pointer.substring(0, slash));
    ArrayNode array = parent.putArray(pointer.substring(slash + 1));
    items.subList(page.from(), page.to()).forEach(array::add);
  }
}
