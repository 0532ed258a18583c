package dev.caplens.sample;

import java.util.ArrayDeque;
import java.util.Deque;

/** Writes indented XML the way EC2 lays out its replies; null values are left out, as EC2 does. */
final class XmlWriter {

  private final StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  private final Deque<String> open = new ArrayDeque<>();

  XmlWriter start(String name, String namespace) {
    indent().append('<').append(name).append(" xmlns=\"").append(escape(namespace)).append("\">\n");
    open.push(name);
    return this;
  }

  XmlWriter start(String name) {
    indent().append('<').append(name).append(">\n");
    open.push(name);
    return this;
  }

  XmlWriter end() {
    String name = open.pop();
    indent().append("</").append(name).append(">\n");
    return this;
  }

  XmlWriter element(String name, Object value) {
    if (value != null) {
      indent().append('<').append(name).append('>').append(escape(value.toString()))
          .append("</").append(name).append(">\n");
    }
    return this;
  }

  /** An element that is present but has no members, such as a list with no items. */
  XmlWriter empty(String name) {
    indent().append('<').append(name).append("/>\n");
    return this;
  }

  @Override
  public String toString() {
    if (!open.isEmpty()) {
      throw new IllegalStateException("unclosed elements " + open);
    }
    return out.toString();
  }

  private StringBuilder indent() {
    return out.append("    ".repeat(open.size()));
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
