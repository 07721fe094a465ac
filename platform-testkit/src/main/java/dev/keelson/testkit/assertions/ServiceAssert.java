package dev.keelson.testkit.assertions;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on where a Service routes: the pods behind the ready endpoints of its EndpointSlices, as kube-proxy
 * reads them.
 *
 * <pre>{@code
 * assertThat(cluster).service("shop", "web").routesOnlyToPodsLabelled("version", "green");
 * }</pre>
 */
public final class ServiceAssert extends AbstractAssert<ServiceAssert, Service> {

  private final KubernetesClient client;

  ServiceAssert(KubernetesClient client, Service actual) {
    super(actual, ServiceAssert.class);
    this.client = client;
  }

  /** Asserts that the ready endpoints are exactly these pods, in any order. */
  public ServiceAssert routesTo(String... podNames) {
    TreeSet<String> expected = new TreeSet<>(Arrays.asList(podNames));
    TreeSet<String> routed = routedPods();
    if (!routed.equals(expected)) {
      failWithMessage("Expected Service %s to route to %s, but it routes to %s", name(), expected, routed);
    }
    return this;
  }

  /**
   * Asserts that the Service routes to every Ready, not terminating pod of its namespace with this label, and to no
   * other pod: "the Service now routes to the green pods only". Fails when no such pod is Ready.
   */
  public ServiceAssert routesOnlyToPodsLabelled(String key, String value) {
    TreeSet<String> expected = new TreeSet<>();
    for (Pod p : client.pods().inNamespace(actual.getMetadata().getNamespace()).withLabel(key, value).list()
        .getItems()) {
      if (p.getMetadata().getDeletionTimestamp() == null && isReady(p)) {
        expected.add(p.getMetadata().getName());
      }
    }
    if (expected.isEmpty()) {
      failWithMessage("Expected Service %s to route to the pods labelled %s=%s, but none of them is Ready", name(),
          key, value);
    }
    TreeSet<String> routed = routedPods();
    if (!routed.equals(expected)) {
      failWithMessage("Expected Service %s to route only to the Ready pods labelled %s=%s %s, but it routes to %s",
          name(), key, value, expected, routed);
    }
    return this;
  }

  /** Asserts that no endpoint of the Service is ready: it routes nowhere. */
  public ServiceAssert routesNowhere() {
    TreeSet<String> routed = routedPods();
    if (!routed.isEmpty()) {
      failWithMessage("Expected Service %s to route nowhere, but it routes to %s", name(), routed);
    }
    return this;
  }

  /** The names of the pods behind the Service's ready endpoints. */
  private TreeSet<String> routedPods() {
    isNotNull();
    List<EndpointSlice> slices = client.discovery().v1().endpointSlices()
        .inNamespace(actual.getMetadata().getNamespace())
        .withLabel("kubernetes.io/service-name", actual.getMetadata().getName()).list().getItems();
    TreeSet<String> routed = new TreeSet<>();
    for (EndpointSlice slice : slices) {
      for (Endpoint e : Objects.requireNonNullElse(slice.getEndpoints(), List.<Endpoint>of())) {
        boolean ready = e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady());
        if (ready && e.getTargetRef() != null) {
          routed.add(e.getTargetRef().getName());
        }
      }
    }
    return routed;
  }

  private static boolean isReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
        .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private String name() {
    return actual.getMetadata().getNamespace() + "/" + actual.getMetadata().getName();
  }
}
