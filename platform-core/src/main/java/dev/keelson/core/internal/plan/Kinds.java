package dev.keelson.core.internal.plan;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** What the cluster serves, from discovery, asked once per group-version and remembered. */
public final class Kinds {
  private final KubernetesClient client;
  private final Retrier retrier;
  private final Map<String, Map<String, APIResource>> byVersion = new ConcurrentHashMap<>();
  private volatile Map<String, String> preferredVersions;

  public Kinds(KubernetesClient client, Retrier retrier) {
    this.client = client;
    this.retrier = retrier;
  }

  /** The resource serving {@code kind} at {@code apiVersion}, if the cluster serves it. */
  public Optional<APIResource> resource(String apiVersion, String kind) {
    Map<String, APIResource> kinds = byVersion.computeIfAbsent(apiVersion, v -> {
      APIResourceList list = retrier.call("discovery of " + v, () -> client.getApiResources(v)).value();
      Map<String, APIResource> found = new ConcurrentHashMap<>();
      if (list != null && list.getResources() != null) {
        for (APIResource r : list.getResources()) {
          if (!r.getName().contains("/")) {
            found.putIfAbsent(r.getKind(), r);
          }
        }
      }
      return found;
    });
    return Optional.ofNullable(kinds.get(kind));
  }

  /** The preferred apiVersion of a group-kind ({@code Deployment.apps} → {@code apps/v1}), if served. */
  public Optional<String> apiVersionOf(String groupKind) {
    int dot = groupKind.indexOf('.');
    if (dot < 0) {
      return Optional.of("v1");
    }
    Map<String, String> preferred = preferredVersions;
    if (preferred == null) {
      APIGroupList groups = retrier.call("discovery of API groups", client::getApiGroups).value();
      Map<String, String> found = new ConcurrentHashMap<>();
      if (groups != null && groups.getGroups() != null) {
        for (APIGroup g : groups.getGroups()) {
          if (g.getPreferredVersion() != null) {
            found.put(g.getName(), g.getPreferredVersion().getGroupVersion());
          } else if (g.getVersions() != null && !g.getVersions().isEmpty()) {
            found.put(g.getName(), g.getVersions().get(0).getGroupVersion());
          }
        }
      }
      preferred = found;
      preferredVersions = found;
    }
    return Optional.ofNullable(preferred.get(groupKind.substring(dot + 1)));
  }

  /** Generic operations on a served kind. */
  public MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> operations(
      String apiVersion, APIResource resource) {
    return client.genericKubernetesResources(ResourceDefinitionContext.fromApiResource(apiVersion, resource));
  }
}
