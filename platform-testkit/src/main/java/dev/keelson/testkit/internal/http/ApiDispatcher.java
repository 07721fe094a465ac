package dev.keelson.testkit.internal.http;

import dev.keelson.testkit.ApiCall;
import dev.keelson.testkit.Fault;
import dev.keelson.testkit.RequestLog;
import dev.keelson.testkit.internal.api.ApiException;
import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Eviction;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ObjectStore;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.Selector;
import dev.keelson.testkit.internal.metricsserver.MetricsServer;
import dev.keelson.testkit.internal.prom.QueryApi;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves the Kubernetes REST API of the simulated cluster over the fabric8 mock web server, with the resource metrics
 * API ({@code metrics.k8s.io}) that kube-apiserver aggregates from metrics-server, and its Prometheus API under
 * {@value #PROMETHEUS_PATH}: every request of them is logged as an {@link ApiCall} and may be answered by an
 * injected {@link Fault} instead.
 */
public final class ApiDispatcher extends Dispatcher {

  /** Where the simulated Prometheus' HTTP API lives on the API server's address. */
  public static final String PROMETHEUS_PATH = "/prometheus";

  private static final Logger LOG = LoggerFactory.getLogger(ApiDispatcher.class);

  private final ApiServer api;
  private final RequestLog log;
  private final Function<ApiCall, Fault> faults;
  private final QueryApi prometheus;
  private final ResourceMetricsApi resourceMetrics;
  private final ExecutorService senders = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "keelson-watch-sender");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param faults consulted before each request is handled: returns null to proceed, or the fault to answer it with
   */
  public ApiDispatcher(ApiServer api, RequestLog log, Function<ApiCall, Fault> faults, QueryApi prometheus,
      MetricsServer metricsServer) {
    this.api = api;
    this.log = log;
    this.faults = faults;
    this.prometheus = prometheus;
    this.resourceMetrics = new ResourceMetricsApi(metricsServer, api.store(), api.type("v1", "Pod"),
        api.type("v1", "Node"));
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath();
    String method = request.getMethod();
    String body = request.getBody() == null ? "" : request.getUtf8Body();
    if (isPrometheus(path)) {
      return prometheus(request, method, path, body);
    }
    Optional<ApiPath> parsed = ApiPath.parse(path, api.types())
        .or(() -> ApiPath.parse(path, ResourceMetricsApi::byPlural));
    if (parsed.isEmpty()) {
      return recordUnknown(method, path, body, status(new ApiException(404, "NotFound",
          "the server could not find the requested resource", null, null, List.of(), null)));
    }
    ApiPath p = parsed.get();
    String verb = verb(method, p);
    ApiCall call = call(verb, method, path, p, body);
    Fault fault = faults.apply(call);
    if (fault != null) {
      return injected(call, fault);
    }
    MockResponse response;
    try {
      if (p.type() == null) {
        response = discovery(p);
      } else if (ResourceMetricsApi.serves(p.type())) {
        response = json(200, resourceMetrics.handle(verb, p, labels(p), fields(p)));
      } else {
        response = handle(request, verb, p, body);
      }
    } catch (ApiException e) {
      response = status(e);
    } catch (RuntimeException e) {
      LOG.warn("simulated API server failed on {} {}", method, path, e);
      response = status(new ApiException(500, "InternalError", "Internal error occurred: " + e.getMessage(), null,
          null, List.of(), null));
    }
    log.record(withStatus(call, response.code()));
    return response;
  }

  /** Whether a request path is the simulated Prometheus' ({@value #PROMETHEUS_PATH} and below). */
  public static boolean isPrometheus(String path) {
    return path.equals(PROMETHEUS_PATH) || path.startsWith(PROMETHEUS_PATH + "/")
        || path.startsWith(PROMETHEUS_PATH + "?");
  }

  /** A request to the Prometheus API: logged with its parameters, subject to faults like any other. */
  private MockResponse prometheus(RecordedRequest request, String method, String path, String body) {
    String below = path.substring(PROMETHEUS_PATH.length());
    int q = below.indexOf('?');
    String endpoint = q < 0 ? below : below.substring(0, q);
    Map<String, List<String>> params = Forms.ofRequest(method, request.getHeader("Content-Type"), body,
        q < 0 ? "" : below.substring(q + 1));
    ApiCall call = new ApiCall(QueryApi.endpoint(endpoint), method, path, "", "", "", "", 0, digest(body), params);
    Fault fault = faults.apply(call);
    if (fault != null) {
      return injected(call, fault);
    }
    QueryApi.Response r = prometheus.handle(method, endpoint, params);
    log.record(withStatus(call, r.status()));
    return new MockResponse().setResponseCode(r.status()).setHeader("Content-Type", r.contentType())
        .setBody(r.body());
  }

  /** Answers a request with an injected fault, and logs it with the status answered (0 for none). */
  private MockResponse injected(ApiCall call, Fault fault) {
    MockResponse response = FaultAnswers.answer(call, fault);
    log.record(withStatus(call, fault instanceof Fault.NoAnswer ? 0 : response.code()));
    return response;
  }

  /** Records a request for a path the API server does not serve. */
  private MockResponse recordUnknown(String method, String path, String body, MockResponse r) {
    log.record(new ApiCall("", method, path, "", "", "", "", r.code(), digest(body), Forms.ofQuery(path)));
    return r;
  }

  private static ApiCall call(String verb, String method, String path, ApiPath p, String body) {
    // The resource metrics API's pods and nodes go by their group too, so they are not counted as core ones.
    String resource = p.type() == null ? "" : ResourceMetricsApi.serves(p.type()) ? p.type().groupResource()
        : p.type().plural();
    return new ApiCall(verb, method, path, resource,
        p.namespace() == null ? "" : p.namespace(), p.name() == null ? "" : p.name(),
        p.subresource() == null ? "" : p.subresource(), 0, digest(body), p.parameters());
  }

  private static ApiCall withStatus(ApiCall c, int status) {
    return new ApiCall(c.verb(), c.method(), c.path(), c.resource(), c.namespace(), c.name(), c.subresource(),
        status, c.bodyDigest(), c.parameters());
  }

  private static String verb(String method, ApiPath p) {
    if (p.type() == null) {
      return "discovery";
    }
    boolean collection = p.name() == null;
    return switch (method) {
      case "GET" -> p.flag("watch") ? "watch" : collection ? "list" : "get";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> collection ? "deletecollection" : "delete";
      default -> method.toLowerCase(java.util.Locale.ROOT);
    };
  }

  private MockResponse handle(RecordedRequest request, String verb, ApiPath p, String body) {
    ResourceType type = p.type();
    String ns = p.namespace();
    String manager = manager(request, p);
    boolean dryRun = "All".equals(p.query().get("dryRun"));
    String sub = p.subresource();
    if ("eviction".equals(sub) && type.plural().equals("pods") && type.group().isEmpty() && verb.equals("create")) {
      ObjectNode eviction = body.isBlank() ? null : Json.parseObject(body, false);
      return json(201, new Eviction(api).evict(ns, p.name(), eviction, dryRun));
    }
    if (sub != null && !sub.equals("status") && !sub.equals("scale")) {
      throw new ApiException(404, "NotFound", "the server could not find the requested resource", null, null,
          List.of(), null);
    }
    if ("scale".equals(sub)) {
      return ScaleSubresource.handle(api, type, ns, p.name(), verb, request, body, manager, dryRun);
    }
    switch (verb) {
      case "get":
        return json(200, api.get(type, ns, p.name()));
      case "list":
        return json(200, list(type, ns, p));
      case "watch":
        return watch(type, ns, p);
      case "create":
        // The answers are only serialized: the stored objects themselves, not copies.
        return json(201, api.createStored(type, ns, Json.parseObject(body, false), manager, dryRun));
      case "update":
        ObjectNode o = Json.parseObject(body, false);
        Json.metadata(o).put("name", p.name());
        return json(200, "status".equals(sub) ? api.updateStatusStored(type, ns, o, manager, dryRun)
            : api.updateStored(type, ns, o, manager, dryRun));
      case "patch":
        ApiServer.PatchType patchType = patchType(request.getHeader("Content-Type"));
        return json(200, api.patch(type, ns, p.name(), patchType, body, sub, manager, p.flag("force"), dryRun));
      case "delete":
        return json(200, api.delete(type, ns, p.name(), propagation(p, body), gracePeriod(p, body), dryRun));
      case "deletecollection":
        return deleteCollection(type, ns, p, body, dryRun);
      default:
        throw new ApiException(405, "MethodNotAllowed", "method " + request.getMethod() + " is not supported",
            null, null, List.of(), null);
    }
  }

  private ObjectNode list(ResourceType type, String ns, ApiPath p) {
    ObjectStore.ListResult result = api.store().listStored(type, ns, labels(p), fields(p));
    return listOf(type, result.resourceVersion(), result.items());
  }

  private static ObjectNode listOf(ResourceType type, long resourceVersion, List<ObjectNode> objects) {
    ObjectNode list = Json.object();
    list.put("apiVersion", type.apiVersion());
    list.put("kind", type.kind() + "List");
    list.putObject("metadata").put("resourceVersion", Long.toString(resourceVersion));
    ArrayNode items = list.putArray("items");
    objects.forEach(items::add);
    return list;
  }

  private MockResponse watch(ResourceType type, String ns, ApiPath p) {
    WatchSession session = new WatchSession(api.store(), type, ns, labels(p), fields(p),
        p.query().get("resourceVersion"), senders);
    return new MockResponse().withWebSocketUpgrade(session);
  }

  private MockResponse deleteCollection(ResourceType type, String ns, ApiPath p, String body, boolean dryRun) {
    ObjectStore.ListResult result = api.store().list(type, ns, labels(p), fields(p));
    List<ObjectNode> deleted = new java.util.ArrayList<>();
    for (ObjectNode o : result.items()) {
      deleted.add(api.delete(type, Json.text(o, "metadata", "namespace"), Json.text(o, "metadata", "name"),
          propagation(p, body), gracePeriod(p, body), dryRun));
    }
    return json(200, listOf(type, api.store().resourceVersion(), deleted));
  }

  private static Selector labels(ApiPath p) {
    try {
      return Selector.parseLabels(p.query().get("labelSelector"));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("unable to parse requirement: " + e.getMessage());
    }
  }

  private static Selector fields(ApiPath p) {
    try {
      return Selector.parseFields(p.query().get("fieldSelector"));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  /** {@code gracePeriodSeconds} from the query or the DeleteOptions body, or null. */
  private static Long gracePeriod(ApiPath p, String body) {
    String fromQuery = p.query().get("gracePeriodSeconds");
    try {
      if (fromQuery != null) {
        return Long.parseLong(fromQuery);
      }
      if (body != null && !body.isBlank()) {
        JsonNode value = Json.parseObject(body, false).get("gracePeriodSeconds");
        return value != null && value.isNumber() ? value.asLong() : null;
      }
    } catch (RuntimeException e) {
      throw ApiException.badRequest("invalid DeleteOptions: " + e.getMessage());
    }
    return null;
  }

  private static String propagation(ApiPath p, String body) {
    String fromQuery = p.query().get("propagationPolicy");
    if (fromQuery != null) {
      return fromQuery;
    }
    if (body != null && !body.isBlank()) {
      try {
        ObjectNode options = Json.parseObject(body, false);
        String policy = Json.text(options, "propagationPolicy");
        if (policy != null) {
          return policy;
        }
        if (options.has("orphanDependents")) {
          return options.get("orphanDependents").asBoolean() ? "Orphan" : "Background";
        }
      } catch (RuntimeException e) {
        throw ApiException.badRequest("invalid DeleteOptions: " + e.getMessage());
      }
    }
    return null;
  }

  /** The field manager: {@code ?fieldManager=}, else the User-Agent up to the first '/'. */
  private static String manager(RecordedRequest request, ApiPath p) {
    String m = p.query().get("fieldManager");
    if (m != null && !m.isEmpty()) {
      return m;
    }
    String agent = request.getHeader("User-Agent");
    if (agent == null || agent.isEmpty()) {
      return "unknown";
    }
    int slash = agent.indexOf('/');
    String name = slash > 0 ? agent.substring(0, slash) : agent;
    return name.length() > 128 ? name.substring(0, 128) : name;
  }

  private static ApiServer.PatchType patchType(String contentType) {
    String ct = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
    if (ct.startsWith("application/apply-patch")) {
      return ApiServer.PatchType.APPLY;
    }
    if (ct.startsWith("application/strategic-merge-patch+json")) {
      return ApiServer.PatchType.STRATEGIC;
    }
    if (ct.startsWith("application/merge-patch+json")) {
      return ApiServer.PatchType.MERGE;
    }
    if (ct.startsWith("application/json-patch+json")) {
      return ApiServer.PatchType.JSON;
    }
    throw new ApiException(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
        + "accepted media types include: application/json-patch+json, application/merge-patch+json, "
        + "application/apply-patch+yaml, application/strategic-merge-patch+json", null, null, List.of(), null);
  }

  private MockResponse discovery(ApiPath p) {
    return json(200, Discovery.respond(p.discovery(), api.types()));
  }

  static MockResponse json(int code, ObjectNode body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
        .setBody(Json.write(body));
  }

  static MockResponse status(ApiException e) {
    return json(e.code(), e.toStatus());
  }

  static String digest(String body) {
    if (body == null || body.isEmpty()) {
      return "";
    }
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void shutdown() {
    senders.shutdownNow();
  }
}
