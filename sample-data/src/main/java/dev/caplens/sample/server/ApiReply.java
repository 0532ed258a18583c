package dev.caplens.sample.server;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An HTTP reply about to be sent. */
record ApiReply(int httpStatus, String contentType, Map<String, String> headers, String body) {

  ApiReply {
    headers = Map.copyOf(headers);
  }

  /** The same reply with its body cut off half-way, as a dropped connection leaves it. */
  ApiReply truncated() {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return new ApiReply(httpStatus, contentType, headers,
        new String(bytes, 0, bytes.length / 2, StandardCharsets.UTF_8));
  }

  /** A 200 with a body that is neither XML nor JSON, as a misbehaving proxy sends. */
  ApiReply malformed() {
    return new ApiReply(200, "text/html", Map.of(), "<html><body>502 Bad Gateway</body></html>");
  }

  /** A 200 in the reply's own format with nothing in it: no result, no request id, no headers. */
  ApiReply empty() {
    String nothing = contentType.contains("xml") ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response/>\n" : "{}";
    return new ApiReply(200, contentType, Map.of(), nothing);
  }
}
