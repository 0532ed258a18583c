package dev.caplens.sample.server;

import dev.caplens.sample.SampleOrgLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads the recorded price replies from the classpath. */
final class SampleFiles {

  private SampleFiles() {}

  /** A recorded price API reply (see {@link SampleOrgLayout#PRICE_REPLIES_ROOT}). */
  static Optional<String> readPriceReply(String relativePath) {
    return resource("/" + SampleOrgLayout.PRICE_REPLIES_ROOT + "/" + relativePath);
  }

  /** Any file under the classpath root, e.g. {@code hostile-corpus/...}. */
  static Optional<String> readResource(String path) {
    return resource("/" + path);
  }

  private static Optional<String> resource(String resource) {
    try (InputStream in = SampleFiles.class.getResourceAsStream(resource)) {
      return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
