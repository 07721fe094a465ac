package dev.keelson.testkit;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * The JUnit 5 extension behind {@link SimulatedClusterTest}: one {@link SimulatedCluster} per test method, closed
 * after it; or a client for a real cluster when a kubeconfig is configured.
 */
public final class SimulatedClusterExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SimulatedClusterExtension.class);

  /** System property naming a kubeconfig file for running the same tests against a real cluster. */
  public static final String KUBECONFIG_PROPERTY = "keelson.kubeconfig";

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == SimulatedCluster.class || type == KubernetesClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    String kubeconfig = kubeconfig();
    if (kubeconfig != null) {
      if (type == SimulatedCluster.class) {
        throw new TestAbortedException("this test scripts the simulated cluster and cannot run against the real "
            + "cluster of " + kubeconfig);
      }
      return store(context).getOrComputeIfAbsent("real-client", k -> new CloseableClient(realClient(kubeconfig)),
          CloseableClient.class).client();
    }
    SimulatedCluster cluster = store(context).getOrComputeIfAbsent("cluster",
        k -> new CloseableCluster(SimulatedCluster.start()), CloseableCluster.class).cluster();
    if (type == SimulatedCluster.class) {
      return cluster;
    }
    if (type == KubernetesClient.class) {
      return cluster.client();
    }
    throw new ParameterResolutionException("cannot resolve " + type);
  }

  private static ExtensionContext.Store store(ExtensionContext context) {
    // Method-level when available so every test gets a fresh cluster.
    return context.getStore(NAMESPACE);
  }

  private static String kubeconfig() {
    String fromProperty = System.getProperty(KUBECONFIG_PROPERTY);
    if (fromProperty != null && !fromProperty.isBlank()) {
      return fromProperty;
    }
    String fromEnv = System.getenv("KEELSON_KUBECONFIG");
    return fromEnv == null || fromEnv.isBlank() ? null : fromEnv;
  }

  private static KubernetesClient realClient(String kubeconfig) {
    try {
      String content = Files.readString(Path.of(kubeconfig), StandardCharsets.UTF_8);
      return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(content)).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kubeconfig " + kubeconfig, e);
    }
  }

  private record CloseableCluster(SimulatedCluster cluster) implements AutoCloseable {
    @Override
    public void close() {
      cluster.close();
    }
  }

  private record CloseableClient(KubernetesClient client) implements AutoCloseable {
    @Override
    public void close() {
      client.close();
    }
  }
}
