package dev.caplens.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the caplens main class in a separate JVM, as an operator's shell would, with its own environment. */
final class CaplensProcess {

  record Result(int exitCode, String stdout, String stderr) {}

  /** Generous: a Spark child on a busy two-core machine can take minutes. */
  static final long TIMEOUT_SECONDS = 600;

  private CaplensProcess() {}

  static Result run(Path workDir, Map<String, String> env, String... args) throws IOException, InterruptedException {
    Path stdout = Files.createTempFile(workDir, "stdout", ".txt");
    Path stderr = Files.createTempFile(workDir, "stderr", ".txt");
    Process process = start(workDir, env, stdout, stderr, args);
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("caplens " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + " s");
    }
    return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }

  /** Starts caplens without waiting for it; its output goes to {@code stdout} and {@code stderr}. */
  static Process start(Path workDir, Map<String, String> env, Path stdout, Path stderr, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    // The flags Spark needs on Java 17, as this JVM got them from surefire.
    java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(arg -> arg.startsWith("--add-opens") || arg.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
            || arg.startsWith("-Djdk.reflect") || arg.startsWith("-Dio.netty") || arg.startsWith("-Duser."))
        .forEach(command::add);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CaplensCli.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    // A clean environment: nothing from the developer's shell reaches the SDKs.
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("ALIBABA_") || k.startsWith("CAPLENS_"));
    builder.environment().putAll(env);
    return builder.start();
  }
}
