package dev.keelson.testkit;

import dev.keelson.testkit.internal.controller.node.Behaviours;
import java.util.Map;

/**
 * Scripts what the simulated kubelet does with containers, by image or by pod labels. Later rules win.
 *
 * <pre>{@code
 * cluster.script().forImage("web:2").crashLoop();
 * cluster.script().forPods(Map.of("app", "web")).slowStart(Duration.ofSeconds(40));
 * }</pre>
 */
public final class ClusterScript {

  private final Behaviours behaviours;

  ClusterScript(Behaviours behaviours) {
    this.behaviours = behaviours;
  }

  /** Containers running this image: an exact reference, or a repository without tag for every tag of it. */
  public ContainerScript forImage(String image) {
    return new ContainerScript(behaviours.forImage(image));
  }

  /** Containers of pods matching a label selector such as {@code app=web,tier in (front)}. */
  public ContainerScript forPods(String labelSelector) {
    return new ContainerScript(behaviours.forPods(labelSelector));
  }

  public ContainerScript forPods(Map<String, String> labels) {
    return new ContainerScript(behaviours.forPods(labels));
  }

  /** Forgets every rule. */
  public void reset() {
    behaviours.reset();
  }
}
