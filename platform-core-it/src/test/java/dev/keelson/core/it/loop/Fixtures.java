package dev.keelson.core.it.loop;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Objects the control-loop tests create, and the one write their reconcilers make. */
final class Fixtures {

  private Fixtures() {
  }

  static Deployment deployment(String namespace, String name) {
    return new DeploymentBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
        .withNewSpec().withReplicas(2)
        .withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("registry.example.com/" + name + ":1")
        .withNewResources().addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("64Mi"))
        .endResources().endContainer().endSpec()
        .endTemplate().endSpec().build();
  }

  static ConfigMap configMap(String name) {
    return new ConfigMapBuilder().withNewMetadata().withNamespace("default").withName(name).endMetadata()
        .addToData("k", "v").build();
  }

  /** Sets one annotation of a ConfigMap by server-side apply: no read first. */
  static void annotate(KubernetesClient client, String name, String key, String value) {
    client.resource(new ConfigMapBuilder().withNewMetadata().withNamespace("default").withName(name)
        .addToAnnotations(key, value).endMetadata().build()).fieldManager("test-loop").serverSideApply();
  }

  static String annotation(KubernetesClient client, String name, String key) {
    ConfigMap live = client.configMaps().inNamespace("default").withName(name).get();
    return live == null || live.getMetadata().getAnnotations() == null ? null
        : live.getMetadata().getAnnotations().get(key);
  }
}
