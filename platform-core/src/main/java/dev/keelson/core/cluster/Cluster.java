package dev.keelson.core.cluster;

import dev.keelson.core.internal.cluster.ClusterLabels;
import dev.keelson.core.internal.cluster.Kubeconfigs;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Kubernetes cluster Keelson works with: a name, the client that reaches it, and metadata to select it by —
 * environment, region and free-form labels. {@link Fleet}s pick clusters by these labels; the environment and region
 * are the labels {@value #ENVIRONMENT_LABEL} and {@value #REGION_LABEL}, so {@code env=prod,region=eu} selects them.
 *
 * <pre>{@code
 * Cluster prodEu = Cluster.builder("prod-eu-1", client).environment("prod").region("eu").label("tier", "gold").build();
 * Cluster fromFile = Cluster.fromKubeconfig(Path.of("/home/me/.kube/config"), "prod-eu-1");
 * }</pre>
 *
 * <p>Closing a cluster closes its client. {@link #toString()} shows the name, the API server's address and the
 * labels, never credentials.
 */
public final class Cluster implements AutoCloseable {

  /** The label that holds a cluster's environment, e.g. {@code prod}. */
  public static final String ENVIRONMENT_LABEL = "env";
  /** The label that holds a cluster's region, e.g. {@code eu}. */
  public static final String REGION_LABEL = "region";

  private final String name;
  private final KubernetesClient client;
  private final Map<String, String> labels;

  private Cluster(String name, KubernetesClient client, Map<String, String> labels) {
    this.name = name;
    this.client = client;
    this.labels = ClusterLabels.checked(name, labels);
  }

  /** A cluster without labels, reached through {@code client}. */
  public static Cluster of(String name, KubernetesClient client) {
    return builder(name, client).build();
  }

  /** A builder for a cluster with metadata. */
  public static Builder builder(String name, KubernetesClient client) {
    return new Builder(name, client);
  }

  /**
   * A cluster for one context of a kubeconfig file, named after the context. The client authenticates as the
   * context's user; add labels with {@link #withLabels(Map)}.
   *
   * @throws IllegalArgumentException when the file has no such context
   * @throws java.io.UncheckedIOException when the file cannot be read
   */
  public static Cluster fromKubeconfig(Path kubeconfig, String context) {
    return of(context, Kubeconfigs.client(kubeconfig, context));
  }

  /** The cluster's name, unique within a {@link Fleet}. */
  public String name() {
    return name;
  }

  /** The client that reaches this cluster. */
  public KubernetesClient client() {
    return client;
  }

  /** The value of the {@value #ENVIRONMENT_LABEL} label. */
  public Optional<String> environment() {
    return Optional.ofNullable(labels.get(ENVIRONMENT_LABEL));
  }

  /** The value of the {@value #REGION_LABEL} label. */
  public Optional<String> region() {
    return Optional.ofNullable(labels.get(REGION_LABEL));
  }

  /** Every label, environment and region included, sorted by key. */
  public Map<String, String> labels() {
    return labels;
  }

  /** Whether this cluster's labels satisfy the selector. */
  public boolean matches(LabelSelector selector) {
    return selector.matches(labels);
  }

  /** The same cluster (same client) with these labels added, replacing values of the same keys. */
  public Cluster withLabels(Map<String, String> more) {
    Map<String, String> merged = new TreeMap<>(labels);
    merged.putAll(more);
    return new Cluster(name, client, merged);
  }

  /** The API server's address as {@code scheme://host:port/path}, without user info or query. */
  public String server() {
    return ClusterLabels.server(client);
  }

  /** Closes the client. */
  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "Cluster[" + name + " at " + server() + ", labels=" + labels + "]";
  }

  /**
   * Metadata of a cluster: environment, region and labels, checked as Kubernetes label syntax at {@link #build()}.
   *
   * <pre>{@code
   * Cluster.builder("prod-us-1", client).environment("prod").region("us").build();
   * }</pre>
   */
  public static final class Builder {
    private final String name;
    private final KubernetesClient client;
    private final Map<String, String> labels = new TreeMap<>();

    private Builder(String name, KubernetesClient client) {
      this.name = name;
      this.client = Objects.requireNonNull(client, "client");
    }

    /** Sets the {@value Cluster#ENVIRONMENT_LABEL} label. */
    public Builder environment(String environment) {
      return label(ENVIRONMENT_LABEL, environment);
    }

    /** Sets the {@value Cluster#REGION_LABEL} label. */
    public Builder region(String region) {
      return label(REGION_LABEL, region);
    }

    /** Sets one label. */
    public Builder label(String key, String value) {
      labels.put(Objects.requireNonNull(key, "label key"), Objects.requireNonNull(value, "value of label " + key));
      return this;
    }

    /** Sets several labels. */
    public Builder labels(Map<String, String> more) {
      more.forEach(this::label);
      return this;
    }

    /**
     * The cluster.
     *
     * @throws dev.keelson.core.spec.SpecException listing every label key or value that is not label syntax, or a
     *     blank name
     */
    public Cluster build() {
      return new Cluster(name, client, labels);
    }
  }
}
