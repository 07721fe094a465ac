package dev.keelson.core.internal.loop;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;

/**
 * State under a key of a ConfigMap: created with the first write (a concurrent create answers 409 like a
 * conflicting update), then written by merge patches that carry its resourceVersion.
 */
public final class ConfigMapLocation implements StateLocation {

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final String key;
  private final HasMetadata owner;

  /** @param owner the object the ConfigMap is created owned by, or null */
  public ConfigMapLocation(KubernetesClient client, String namespace, String name, String key, HasMetadata owner) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
    this.key = key;
    this.owner = owner;
  }

  @Override
  public Snapshot read() {
    ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(name).get();
    if (configMap == null) {
      return new Snapshot(false, null, null);
    }
    Map<String, String> data = configMap.getData();
    return new Snapshot(true, data == null ? null : data.get(key), configMap.getMetadata().getResourceVersion());
  }

  @Override
  public String write(String json, Snapshot at) {
    ConfigMap written;
    if (!at.exists()) {
      ConfigMapBuilder configMap = new ConfigMapBuilder().withNewMetadata().withNamespace(namespace).withName(name)
          .endMetadata().withData(Map.of(key, json));
      if (owner != null) {
        configMap.editMetadata().withOwnerReferences(new OwnerReferenceBuilder()
            .withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
            .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).build()).endMetadata();
      }
      written = client.configMaps().inNamespace(namespace).resource(configMap.build()).create();
    } else {
      written = client.configMaps().inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
          StateJson.conditionalPatch(at.version(), "data", key, json));
    }
    return written.getMetadata().getResourceVersion();
  }

  @Override
  public String describe() {
    return "key " + key + " of ConfigMap " + namespace + "/" + name;
  }
}
