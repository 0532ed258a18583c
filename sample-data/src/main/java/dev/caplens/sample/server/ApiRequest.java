package dev.caplens.sample.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP request with its query string and form body decoded; form parameters win over query ones.
 * The raw body is kept for the JSON protocols.
 */
record ApiRequest(String method, String rawPath, Headers headers, Map<String, List<String>> parameters, String body) {

  static ApiRequest read(HttpExchange exchange) throws IOException {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    decodeInto(parameters, exchange.getRequestURI().getRawQuery());
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
      Map<String, List<String>> form = new LinkedHashMap<>();
      decodeInto(form, new String(body, StandardCharsets.UTF_8));
      parameters.putAll(form);
    }
    return new ApiRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
        exchange.getRequestHeaders(), parameters, new String(body, StandardCharsets.UTF_8));
  }

  String header(String name) {
    return headers.getFirst(name);
  }

  String parameter(String name) {
    List<String> values = parameters.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  List<String> parameters(String name) {
    return parameters.getOrDefault(name, List.of());
  }

  /** A positive integer parameter, or null when absent. */
  Integer intParameter(String name, int min, int max, ApiError invalid) {
    String value = parameter(name);
    if (value == null) {
      return null;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed < min || parsed > max) {
        throw invalid;
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw invalid;
    }
  }

  private static void decodeInto(Map<String, List<String>> parameters, String encoded) {
    if (encoded == null || encoded.isEmpty()) {
      return;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
  }

  static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
