package dev.keelson.core.internal.inventory;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Optional;
import java.util.function.Function;

/** The kinds the inventory watches, one informer each per cluster, and how to make that informer. */
public enum WatchedKind {
  NODE("Node", false, c -> c.nodes().runnableInformer(0)),
  NAMESPACE("Namespace", false, c -> c.namespaces().runnableInformer(0)),
  POD("Pod", true, c -> c.pods().inAnyNamespace().runnableInformer(0)),
  SERVICE("Service", true, c -> c.services().inAnyNamespace().runnableInformer(0)),
  DEPLOYMENT("Deployment", true, c -> c.apps().deployments().inAnyNamespace().runnableInformer(0)),
  STATEFUL_SET("StatefulSet", true, c -> c.apps().statefulSets().inAnyNamespace().runnableInformer(0)),
  DAEMON_SET("DaemonSet", true, c -> c.apps().daemonSets().inAnyNamespace().runnableInformer(0)),
  REPLICA_SET("ReplicaSet", true, c -> c.apps().replicaSets().inAnyNamespace().runnableInformer(0)),
  JOB("Job", true, c -> c.batch().v1().jobs().inAnyNamespace().runnableInformer(0)),
  CRON_JOB("CronJob", true, c -> c.batch().v1().cronjobs().inAnyNamespace().runnableInformer(0));

  private final String kind;
  private final boolean namespaced;
  private final Function<KubernetesClient, SharedIndexInformer<? extends HasMetadata>> informer;

  WatchedKind(String kind, boolean namespaced,
      Function<KubernetesClient, SharedIndexInformer<? extends HasMetadata>> informer) {
    this.kind = kind;
    this.namespaced = namespaced;
    this.informer = informer;
  }

  /** The Kubernetes kind, e.g. {@code ReplicaSet}. */
  public String kind() {
    return kind;
  }

  public boolean namespaced() {
    return namespaced;
  }

  /** A new informer for this kind over the whole cluster, not yet started, with no resync. */
  SharedIndexInformer<? extends HasMetadata> informer(KubernetesClient client) {
    return informer.apply(client);
  }

  /** The watched kind with this Kubernetes kind name. */
  public static Optional<WatchedKind> of(String kind) {
    for (WatchedKind k : values()) {
      if (k.kind.equals(kind)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
