package dev.keelson.core.internal.cluster;

import dev.keelson.core.spec.SpecException;
import dev.keelson.core.spec.Violation;
import dev.keelson.core.validation.Names;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Checks a cluster's name and labels, and describes its API server without credentials. */
public final class ClusterLabels {

  private ClusterLabels() {
  }

  /**
   * The labels, sorted and unmodifiable.
   *
   * @throws SpecException listing a blank name and every key or value that is not Kubernetes label syntax
   */
  public static Map<String, String> checked(String name, Map<String, String> labels) {
    List<Violation> violations = new ArrayList<>();
    if (name == null || name.isBlank()) {
      violations.add(new Violation("name", "required", "must be a non-blank cluster name"));
    }
    for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
      String path = "labels[" + label.getKey() + "]";
      Names.qualifiedName(label.getKey()).forEach(m -> violations.add(new Violation(path, "label-key", "key " + m)));
      Names.labelValue(label.getValue()).forEach(m -> violations.add(new Violation(path, "label-value", m)));
    }
    if (!violations.isEmpty()) {
      throw new SpecException("cluster \"" + name + "\"", violations);
    }
    return Collections.unmodifiableMap(new TreeMap<>(labels));
  }

  /** {@code scheme://host:port/path} of the client's API server: no user info, query or fragment. */
  public static String server(KubernetesClient client) {
    String unknown = "(server address unknown)";
    String url = client.getConfiguration() == null ? null : client.getConfiguration().getMasterUrl();
    if (url == null) {
      return unknown;
    }
    try {
      URI uri = URI.create(url);
      if (uri.getHost() == null) {
        return unknown;
      }
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
    } catch (IllegalArgumentException | URISyntaxException e) {
      return unknown; // the text may hold credentials, so it is not quoted
    }
  }
}
