package dev.keelson.core.internal.cluster;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Clients for the contexts of a kubeconfig file. Never logs or quotes the file's credentials. */
public final class Kubeconfigs {

  private Kubeconfigs() {
  }

  /** The context names of the file, sorted. */
  public static List<String> contexts(Path kubeconfig) {
    File file = readable(kubeconfig);
    List<NamedContext> contexts = Config.fromKubeconfig(file).getContexts();
    return contexts == null ? List.of() : contexts.stream().map(NamedContext::getName).sorted().toList();
  }

  /**
   * A client that authenticates as the context's user.
   *
   * @throws IllegalArgumentException when the file has no such context
   */
  public static KubernetesClient client(Path kubeconfig, String context) {
    List<String> known = contexts(kubeconfig);
    if (!known.contains(context)) {
      throw new IllegalArgumentException("kubeconfig " + kubeconfig + " has no context \"" + context
          + "\"; its contexts are " + known);
    }
    Config config = Config.fromKubeconfig(context, kubeconfig.toFile());
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static File readable(Path kubeconfig) {
    if (!Files.isReadable(kubeconfig)) {
      throw new UncheckedIOException(new java.io.FileNotFoundException("cannot read kubeconfig " + kubeconfig));
    }
    return kubeconfig.toFile();
  }
}
