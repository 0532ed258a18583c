package dev.caplens.sample.server;

import dev.caplens.sample.SampleOrgLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads the committed wire responses from the classpath. */
final class SampleFiles {

  private SampleFiles() {}

  static Optional<String> read(String relativePath) {
    String resource = "/" + SampleOrgLayout.ROOT + "/" + relativePath;
    try (InputStream in = SampleFiles.class.getResourceAsStream(resource)) {
      return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
