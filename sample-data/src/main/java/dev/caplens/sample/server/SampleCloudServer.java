package dev.caplens.sample.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.caplens.sample.SampleOrganisation;
import dev.caplens.sample.ServedCloud;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server that answers EC2, Outposts, AWS Price List and Alibaba ECS API calls from the sample
 * organisation's committed wire responses (or any other {@link ServedCloud}, such as a generated
 * fleet), page by page with opaque tokens, so the real SDK clients ingest it exactly as they would
 * the clouds.
 *
 * <p>One endpoint serves every service and region: EC2, Outposts, STS and Price List requests are told apart
 * by the service in their SigV4 credential scope, which also names the region; Alibaba requests
 * by their {@code x-acs-action} header, with the region in {@code RegionId}. AssumeRole into a
 * sample account (AWS STS, or Alibaba STS for the role {@code caplens-read}) returns session keys
 * the other APIs of that cloud accept as that account. Which snapshot is
 * served is chosen with {@link #useSnapshot}; a listing that started on one snapshot finishes on
 * it even if the snapshot changes between pages. A {@link TokenBucket} per API ({@link #limitRate})
 * throttles requests past its limit with each protocol's own throttling error.
 */
public final class SampleCloudServer implements AutoCloseable {

  static {
    // Without TCP_NODELAY every reply waits ~40 ms for a delayed ACK between header and body writes.
    // Read once, when the JDK server class is first used.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final ServedCloud served;
  private final HttpServer http;
  private final ExecutorService executor;
  private final CloudApi ec2;
  private final CloudApi outposts;
  private final CloudApi ecs;
  private final CloudApi sts;
  private final CloudApi ramSts;
  private final CloudApi pricing;
  private final AtomicInteger requestCounter = new AtomicInteger();
  private final List<ApiCall> calls = Collections.synchronizedList(new ArrayList<>());
  private final List<ApiCall> throttled = Collections.synchronizedList(new ArrayList<>());
  private final Map<CloudService, TokenBucket> rateLimits = new ConcurrentHashMap<>();
  private volatile Instant snapshot;
  private volatile FaultPlan faults = FaultPlan.none();
  private volatile boolean hostileCorpus;

  private SampleCloudServer(ServedCloud served, int pageSize) throws IOException {
    this.served = served;
    PageTokens tokens = new PageTokens();
    AwsIdentities identities = new AwsIdentities(served);
    ec2 = new Ec2Api(served, identities, tokens, pageSize);
    outposts = new OutpostsApi(served, identities, tokens, pageSize);
    AliyunIdentities aliyunIdentities = new AliyunIdentities(served);
    ecs = new EcsApi(served, aliyunIdentities, tokens, pageSize);
    ramSts = new RamStsApi(served, aliyunIdentities);
    sts = new StsApi(served, identities);
    pricing = new PricingApi(served, identities, tokens, pageSize);
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    executor = Executors.newFixedThreadPool(4, runnable -> {
      Thread thread = new Thread(runnable, "sample-cloud-server");
      thread.setDaemon(true);
      return thread;
    });
    http.setExecutor(executor);
    http.createContext("/", this::serve);
  }

  /**
   * Starts a server for the sample organisation on 127.0.0.1 and an ephemeral port.
   *
   * @param pageSize the most items one reply holds; a request's MaxResults can only lower it
   */
  public static SampleCloudServer start(int pageSize) {
    return start(new SampleOrganisation(), pageSize);
  }

  /** Starts a server for {@code served} on 127.0.0.1 and an ephemeral port; pageSize as above. */
  public static SampleCloudServer start(ServedCloud served, int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1, was " + pageSize);
    }
    try {
      SampleCloudServer server = new SampleCloudServer(served, pageSize);
      server.http.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the sample cloud server on 127.0.0.1", e);
    }
  }

  /** {@code http://127.0.0.1:PORT}: the endpoint for the EC2 and Outposts clients and the Tea client alike. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  /** The sample organisation this server serves; fails for a server started on another {@link ServedCloud}. */
  public SampleOrganisation organisation() {
    if (served instanceof SampleOrganisation organisation) {
      return organisation;
    }
    throw new IllegalStateException("this server serves " + served.getClass().getSimpleName()
        + ", not the sample organisation");
  }

  public ServedCloud served() {
    return served;
  }

  public List<Instant> snapshotTimes() {
    return served.snapshotTimes();
  }

  /** Serves the responses recorded at {@code snapshotTime}, which must be one of {@link #snapshotTimes()}. */
  public void useSnapshot(Instant snapshotTime) {
    List<Instant> times = served.snapshotTimes();
    if (!times.contains(snapshotTime)) {
      throw new IllegalArgumentException("no sample snapshot at " + snapshotTime + "; snapshots are from "
          + times.get(0) + " to " + times.get(times.size() - 1));
    }
    this.snapshot = snapshotTime;
  }

  /** From now on answers the scopes of {@link HostileCorpus} from its files instead of the sample organisation. */
  public void serveHostileCorpus() {
    hostileCorpus = true;
  }

  /**
   * Throttles {@code service}'s requests with {@code bucket}: past it EC2 answers HTTP 503
   * RequestLimitExceeded, Outposts 429 ThrottlingException, Alibaba ECS HTTP 400 Throttling, STS
   * and Price List HTTP 400 Throttling. Giving several services one bucket limits them together.
   * Off until called.
   */
  public void limitRate(CloudService service, TokenBucket bucket) {
    rateLimits.put(service, bucket);
  }

  /** The requests refused by a rate limit, in arrival order (they are in {@link #calls()} too). */
  public List<ApiCall> throttledCalls() {
    synchronized (throttled) {
      return List.copyOf(throttled);
    }
  }

  /** Replaces the fault plan and restarts request numbering at 1. */
  public void injectFaults(FaultPlan plan) {
    synchronized (calls) {
      this.faults = plan;
      requestCounter.set(0);
    }
  }

  /** Every request received so far, in arrival order, including faulted ones. */
  public List<ApiCall> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      ApiRequest request = ApiRequest.read(exchange);
      CloudApi api = route(request);
      ApiReply reply;
      ApiCall call;
      FaultPlan plan;
      synchronized (calls) {
        call = api.describe(request, requestCounter.incrementAndGet());
        calls.add(call);
        plan = faults;
      }
      try {
        TokenBucket limit = rateLimits.get(call.service());
        if (limit != null && !limit.tryTake()) {
          throttled.add(call);
          throw throttling(call.service());
        }
        Optional<Fault> fault = plan.faultFor(call);
        if (fault.isPresent() && fault.get().kind() == Fault.Kind.ERROR_REPLY) {
          throw new ApiError(fault.get().httpStatus(), fault.get().code(), fault.get().message());
        }
        Instant served = snapshot;
        if (served == null) {
          throw new ApiError(500, "InternalError", "the sample server has no snapshot selected: call useSnapshot first");
        }
        Optional<ApiReply> corpusReply = hostileCorpus ? HostileCorpus.reply(call, request) : Optional.empty();
        reply = corpusReply.isPresent() ? corpusReply.get() : api.handle(request, call, served);
        if (fault.isPresent()) {
          switch (fault.get().kind()) {
            case TRUNCATED_REPLY -> reply = reply.truncated();
            case MALFORMED_REPLY -> reply = reply.malformed();
            case EMPTY_REPLY -> reply = reply.empty();
            case SLOW_REPLY -> pause(fault.get().delay());
            // Closing the exchange before any status line drops the connection.
            case CONNECTION_RESET -> { return; }
            default -> { }
          }
        }
      } catch (ApiError error) {
        reply = api.error(error);
      } catch (RuntimeException unexpected) {
        reply = api.error(new ApiError(500, "InternalError", "sample server failure: " + unexpected));
      }
      send(exchange, reply);
    }
  }

  private static ApiError throttling(CloudService service) {
    Fault fault = switch (service) {
      case EC2 -> Fault.requestLimitExceeded();
      case OUTPOSTS -> Fault.throttlingException();
      case ECS, ALIYUN_STS -> Fault.aliyunThrottling();
      case STS, PRICING -> Fault.error(400, "Throttling", "Rate exceeded");
    };
    return new ApiError(fault.httpStatus(), fault.code(), fault.message());
  }

  private static void pause(java.time.Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private CloudApi route(ApiRequest request) {
    if (request.header("x-acs-action") != null || request.parameter("AccessKeyId") != null) {
      String action = request.header("x-acs-action") != null ? request.header("x-acs-action") : request.parameter("Action");
      return "AssumeRole".equals(action) ? ramSts : ecs;
    }
    String service = SigV4Credential.parse(request.header("Authorization")).map(SigV4Credential::service).orElse("ec2");
    return switch (service) {
      case "outposts" -> outposts;
      case "sts" -> sts;
      case "pricing" -> pricing;
      default -> ec2;
    };
  }

  private static void send(HttpExchange exchange, ApiReply reply) throws IOException {
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(reply.httpStatus(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
