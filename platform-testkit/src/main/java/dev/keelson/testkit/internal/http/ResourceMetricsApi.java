package dev.keelson.testkit.internal.http;

import dev.keelson.testkit.internal.api.ApiException;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ObjectStore;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.Selector;
import dev.keelson.testkit.internal.metricsserver.MetricsServer;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The resource metrics API as kube-apiserver serves it from metrics-server through API aggregation:
 * {@code /apis/metrics.k8s.io/v1beta1/nodes[/{name}]}, {@code .../pods} and
 * {@code .../namespaces/{ns}/pods[/{name}]}, get and list only (with label and field selectors).
 */
final class ResourceMetricsApi {

  static final ResourceType POD_METRICS = new ResourceType(MetricsServer.GROUP, MetricsServer.VERSION, "PodMetrics",
      "pods", true, false);
  static final ResourceType NODE_METRICS = new ResourceType(MetricsServer.GROUP, MetricsServer.VERSION,
      "NodeMetrics", "nodes", false, false);
  static final List<ResourceType> TYPES = List.of(NODE_METRICS, POD_METRICS);

  private final MetricsServer metricsServer;
  private final ObjectStore store;
  private final ResourceType pods;
  private final ResourceType nodes;

  ResourceMetricsApi(MetricsServer metricsServer, ObjectStore store, ResourceType pods, ResourceType nodes) {
    this.metricsServer = metricsServer;
    this.store = store;
    this.pods = pods;
    this.nodes = nodes;
  }

  /** The resource metrics API's resources by URL parts, for {@link ApiPath#parse}. */
  static Optional<ResourceType> byPlural(String group, String version, String plural) {
    return TYPES.stream().filter(t -> t.group().equals(group) && t.version().equals(version)
        && t.plural().equals(plural)).findFirst();
  }

  static boolean serves(ResourceType type) {
    return TYPES.contains(type);
  }

  ObjectNode handle(String verb, ApiPath p, Selector labels, Selector fields) {
    if (!verb.equals("get") && !verb.equals("list") || p.subresource() != null) {
      throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested "
          + "resource", null, null, List.of(), null);
    }
    boolean podMetrics = p.type().equals(POD_METRICS);
    ResourceType source = podMetrics ? pods : nodes;
    if (verb.equals("get")) {
      ObjectNode object = store.stored(source, p.namespace(), p.name());
      if (object == null) {
        throw ApiException.notFound(source, p.name());
      }
      List<ObjectNode> found = podMetrics ? metricsServer.podMetrics(List.of(object))
          : metricsServer.nodeMetrics(List.of(object));
      if (found.isEmpty()) {
        throw ApiException.notFound(p.type(), podMetrics ? p.namespace() + "/" + p.name() : p.name());
      }
      return found.get(0);
    }
    List<ObjectNode> objects = store.listStored(source, p.namespace(), labels, fields).items();
    ObjectNode list = Json.object();
    list.put("kind", p.type().kind() + "List");
    list.put("apiVersion", MetricsServer.API_VERSION);
    list.putObject("metadata");
    var items = list.putArray("items");
    (podMetrics ? metricsServer.podMetrics(objects) : metricsServer.nodeMetrics(objects)).forEach(items::add);
    return list;
  }
}
