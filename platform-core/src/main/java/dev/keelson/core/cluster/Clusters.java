package dev.keelson.core.cluster;

import dev.keelson.core.internal.cluster.Kubeconfigs;
import java.nio.file.Path;
import java.util.List;

/**
 * Clusters from where people keep them.
 *
 * <pre>{@code
 * try (Fleet fleet = Fleet.of(Clusters.fromKubeconfig(Path.of(System.getProperty("user.home"), ".kube/config")))) {
 *   fleet.run(cluster -> cluster.client().getKubernetesVersion().getGitVersion());
 * }
 * }</pre>
 */
public final class Clusters {

  private Clusters() {
  }

  /**
   * One cluster per context of a kubeconfig file, named after the contexts and sorted by name, without labels (add
   * them with {@link Cluster#withLabels(java.util.Map)}).
   *
   * @throws java.io.UncheckedIOException when the file cannot be read
   */
  public static List<Cluster> fromKubeconfig(Path kubeconfig) {
    return Kubeconfigs.contexts(kubeconfig).stream().map(context -> Cluster.fromKubeconfig(kubeconfig, context))
        .toList();
  }
}
