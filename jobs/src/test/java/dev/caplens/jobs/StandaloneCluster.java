package dev.caplens.jobs;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A real Spark standalone cluster on 127.0.0.1: one Master and one Worker in child JVMs, from a
 * Spark home whose {@code jars/} links the Spark jars of the build (the jars a Spark installation
 * ships), so the Worker launches executors exactly as a cluster does.
 */
final class StandaloneCluster implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

  private final Path sparkHome;
  private final Path logs;
  private final List<String> jvmFlags;
  private final List<Process> processes = new ArrayList<>();
  private int masterPort;

  private StandaloneCluster(Path sparkHome, Path logs, List<String> jvmFlags) {
    this.sparkHome = sparkHome;
    this.logs = logs;
    this.jvmFlags = jvmFlags;
  }

  /** Starts the Master, then a Worker with one core, and waits until the Worker has registered. */
  static StandaloneCluster start(Path dir, List<Path> sparkJars, List<String> jvmFlags) throws IOException {
    Path sparkHome = Files.createDirectories(dir.resolve("spark-home"));
    Path jars = Files.createDirectories(sparkHome.resolve("jars"));
    // An installation's marker: the Worker's launcher then takes executors' class path from jars/.
    Files.writeString(sparkHome.resolve("RELEASE"), "Spark jars of the caplens build\n");
    for (Path jar : sparkJars) {
      Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
    }
    StandaloneCluster cluster = new StandaloneCluster(sparkHome, Files.createDirectories(dir.resolve("logs")), jvmFlags);
    try {
      cluster.masterPort = freePort();
      cluster.launch("master", "-Xmx256m", "org.apache.spark.deploy.master.Master",
          "--host", "127.0.0.1", "--port", Integer.toString(cluster.masterPort), "--webui-port", Integer.toString(freePort()));
      cluster.waitFor("the master to listen on " + cluster.masterPort, () -> listening(cluster.masterPort));
      cluster.launch("worker", "-Xmx256m", "org.apache.spark.deploy.worker.Worker", cluster.masterUrl(),
          "--host", "127.0.0.1", "--cores", "1", "--memory", "1g", "--webui-port", Integer.toString(freePort()),
          "--work-dir", Files.createDirectories(dir.resolve("work")).toString());
      cluster.waitFor("the worker to register", () -> cluster.logContains("worker", "Successfully registered with master"));
      return cluster;
    } catch (RuntimeException | IOException e) {
      cluster.close();
      throw e;
    }
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  Path sparkHome() {
    return sparkHome;
  }

  /** A java command line with the Spark home's jars on the class path. */
  List<String> java(String maxHeap, String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add(maxHeap);
    command.add("-Duser.timezone=UTC");
    command.add("-cp");
    command.add(sparkHome.resolve("jars") + "/*");
    command.add(mainClass);
    command.addAll(Arrays.asList(args));
    return command;
  }

  /** Runs a command to completion with SPARK_HOME set; its output goes to {@code logs/NAME.log}. */
  int run(String name, List<String> command, Duration timeout) throws IOException, InterruptedException {
    Process process = builder(name, command).start();
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(name + " did not finish in " + timeout + "; see " + log(name));
    }
    return process.exitValue();
  }

  Path log(String name) {
    return logs.resolve(name + ".log");
  }

  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process process = processes.get(i);
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }

  private void launch(String name, String maxHeap, String mainClass, String... args) throws IOException {
    processes.add(builder(name, java(maxHeap, mainClass, args)).start());
  }

  private ProcessBuilder builder(String name, List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log(name).toFile());
    builder.environment().put("SPARK_HOME", sparkHome.toString());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().put("SPARK_SCALA_VERSION", "2.13");
    builder.environment().put("SPARK_WORKER_OPTS", String.join(" ", jvmFlags));
    return builder;
  }

  private boolean logContains(String name, String text) {
    try {
      return Files.exists(log(name)) && Files.readString(log(name)).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  private void waitFor(String what, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (!condition.getAsBoolean()) {
      if (processes.stream().anyMatch(p -> !p.isAlive())) {
        throw new IllegalStateException("a cluster process exited while waiting for " + what + "; see " + logs);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("timed out waiting for " + what + "; see " + logs);
      }
      sleep();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
