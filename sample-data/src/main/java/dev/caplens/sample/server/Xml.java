package dev.caplens.sample.server;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/** DOM helpers for cutting EC2 replies into pages. */
final class Xml {

  // Factory lookup is slow; the factories are shared and only touched under their own lock.
  private static final DocumentBuilderFactory PARSERS = parsers();
  private static final TransformerFactory WRITERS = TransformerFactory.newInstance();

  private Xml() {}

  private static DocumentBuilderFactory parsers() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory;
    } catch (Exception e) {
      throw new IllegalStateException("no XML parser", e);
    }
  }

  static Document parse(String xml) {
    try {
      DocumentBuilder parser;
      synchronized (PARSERS) {
        parser = PARSERS.newDocumentBuilder();
      }
      Document document = parser.parse(new InputSource(new StringReader(xml)));
      dropWhitespace(document.getDocumentElement());
      return document;
    } catch (Exception e) {
      throw new IllegalStateException("sample-org holds malformed XML", e);
    }
  }

  static String write(Document document) {
    try {
      Transformer transformer;
      synchronized (WRITERS) {
        transformer = WRITERS.newTransformer();
      }
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      transformer.setOutputProperty(OutputKeys.INDENT, "yes");
      transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "4");
      document.setXmlStandalone(true);
      StringWriter out = new StringWriter();
      transformer.transform(new DOMSource(document), new StreamResult(out));
      return out.toString();
    } catch (Exception e) {
      throw new IllegalStateException("cannot write XML", e);
    }
  }

  static Element child(Element parent, String name) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && name.equals(element.getLocalName())) {
        return element;
      }
    }
    throw new IllegalStateException("<" + parent.getLocalName() + "> has no <" + name + ">");
  }

  static List<Element> children(Element parent, String name) {
    List<Element> children = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && name.equals(element.getLocalName())) {
        children.add(element);
      }
    }
    return children;
  }

  /** Text of a direct child element, or null when there is none. */
  static String childText(Element parent, String name) {
    List<Element> matches = children(parent, name);
    return matches.isEmpty() ? null : matches.get(0).getTextContent();
  }

  /** The key/value pairs of an item's {@code <tagSet>}. */
  static Map<String, String> tags(Element item) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (Element set : children(item, "tagSet")) {
      for (Element tag : children(set, "item")) {
        tags.put(childText(tag, "key"), childText(tag, "value"));
      }
    }
    return tags;
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static void dropWhitespace(Element element) {
    Node node = element.getFirstChild();
    while (node != null) {
      Node next = node.getNextSibling();
      if (node.getNodeType() == Node.TEXT_NODE && node.getTextContent().isBlank()) {
        element.removeChild(node);
      } else if (node instanceof Element child) {
        dropWhitespace(child);
      }
      node = next;
    }
  }
}
