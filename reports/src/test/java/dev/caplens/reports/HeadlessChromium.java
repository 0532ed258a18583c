package dev.caplens.reports;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Debian {@code chromium} browser run headless on a local file. Missing chromium is a test
 * failure, not a skip: {@code .ci/run} installs it.
 */
final class HeadlessChromium {

  private final Path executable;
  private final Path profile;

  private HeadlessChromium(Path executable, Path profile) {
    this.executable = executable;
    this.profile = profile;
  }

  static HeadlessChromium find(Path workDir) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return new HeadlessChromium(candidate, workDir.resolve("chromium-profile"));
        }
      }
    }
    throw new AssertionError("chromium is not installed (no chromium on PATH); the HTML summary is checked in a real "
        + "browser: run .ci/run, or apt-get update && apt-get install -y chromium");
  }

  /** The DOM after the page loaded and its scripts (if any) ran. */
  String dumpDom(Path page) throws IOException, InterruptedException {
    return run(page, "--dump-dom");
  }

  /** A PNG screenshot of the page in a window of the given size. */
  void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
    run(page, "--screenshot=" + png, "--window-size=" + width + "," + height, "--hide-scrollbars");
    if (!Files.isRegularFile(png)) {
      throw new AssertionError("chromium wrote no screenshot to " + png);
    }
  }

  private String run(Path page, String... options) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--no-first-run", "--user-data-dir=" + profile));
    command.addAll(List.of(options));
    command.add(page.toUri().toString());
    Path stdout = Files.createTempFile("chromium", ".out");
    Path stderr = Files.createTempFile("chromium", ".err");
    try {
      Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
          .start();
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("chromium did not finish in 90 s: " + String.join(" ", command));
      }
      if (process.exitValue() != 0) {
        throw new AssertionError("chromium exited " + process.exitValue() + ": "
            + Files.readString(stderr, StandardCharsets.UTF_8));
      }
      return Files.readString(stdout, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }
}
