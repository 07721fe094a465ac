package dev.keelson.testkit.internal.controller.workload;

import dev.keelson.testkit.internal.api.ApiException;
import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.WatchEvent;
import dev.keelson.testkit.internal.controller.Controller;
import dev.keelson.testkit.internal.controller.EventRecorder;
import dev.keelson.testkit.internal.controller.WorkQueue;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * kube-controller-manager's Deployment controller: rolls Deployments out through ReplicaSets (RollingUpdate and
 * Recreate), scales them proportionally, keeps revision annotations and history, and reports status with the
 * Available and Progressing conditions, including ProgressDeadlineExceeded on the virtual clock. Each sync is one
 * {@link DeploymentSync}; this class routes events to keys and retries.
 */
public final class DeploymentController implements Controller {

  private static final Logger LOG = LoggerFactory.getLogger(DeploymentController.class);
  private static final int CONFLICT_RETRIES = 5;

  private final WorkloadContext ctx;
  private final ResourceType deployments;
  private final ResourceType replicaSets;
  private final ResourceType pods;
  private final Backoff backoff = new Backoff();
  private final Requeues requeues = new Requeues();
  /** ReplicaSet key to owning Deployment name, to route pod deletions (Recreate waits for them). */
  private final Map<String, String> replicaSetOwners = new HashMap<>();
  /** Keys of Deployments using the Recreate strategy. */
  private final Set<String> recreating = new HashSet<>();

  public DeploymentController(ApiServer api) {
    this.ctx = WorkloadContext.of(api, new EventRecorder(api, "deployment-controller"));
    this.deployments = ctx.deployments();
    this.replicaSets = ctx.replicaSets();
    this.pods = ctx.pods();
  }

  @Override
  public String name() {
    return "deployment-controller";
  }

  @Override
  public void onEvent(WatchEvent event, WorkQueue queue) {
    ResourceType type = event.resource();
    ObjectNode o = event.object();
    boolean deleted = event.type().equals("DELETED");
    if (type.equals(deployments)) {
      String key = Keys.of(Nodes.stringAt(o, "metadata", "namespace"), Nodes.stringAt(o, "metadata", "name"));
      if (!deleted && DeploymentParameters.RECREATE.equals(Nodes.stringAt(o, "spec", "strategy", "type"))) {
        recreating.add(key);
      } else {
        recreating.remove(key);
      }
      queue.add(key);
    } else if (type.equals(replicaSets)) {
      String owner = ControllerRefs.controllerName(o, "Deployment");
      String namespace = Nodes.stringAt(o, "metadata", "namespace");
      String rsKey = Keys.of(namespace, Nodes.stringAt(o, "metadata", "name"));
      if (owner == null || deleted) {
        replicaSetOwners.remove(rsKey);
      } else {
        replicaSetOwners.put(rsKey, owner);
      }
      if (owner != null) {
        queue.add(Keys.of(namespace, owner));
      }
    } else if (deleted && type.equals(pods)) {
      String rs = ControllerRefs.controllerName(o, "ReplicaSet");
      String namespace = Nodes.stringAt(o, "metadata", "namespace");
      String owner = rs == null ? null : replicaSetOwners.get(Keys.of(namespace, rs));
      if (owner != null && recreating.contains(Keys.of(namespace, owner))) {
        queue.add(Keys.of(namespace, owner));
      }
    }
  }

  @Override
  public Optional<Duration> reconcile(String key) {
    return requeues.schedule(key, attempt(key), ctx.store().clock().instant());
  }

  private Optional<Duration> attempt(String key) {
    Keys k = Keys.parse(key);
    for (int attempt = 0; ; attempt++) {
      try {
        DeploymentSync sync = DeploymentSync.load(ctx, k.namespace(), k.name());
        Optional<Duration> again = sync == null ? Optional.empty() : sync.run();
        backoff.forget(key);
        return again;
      } catch (RetrySync e) {
        if (attempt < CONFLICT_RETRIES) {
          continue;
        }
        LOG.debug("deployment {} sync keeps restarting: {}", key, e.getMessage());
        return Optional.of(backoff.next(key));
      } catch (ApiException e) {
        if (e.code() == 409 && !"AlreadyExists".equals(e.reason()) && attempt < CONFLICT_RETRIES) {
          continue;
        }
        LOG.debug("deployment {} sync failed, retrying: {}", key, e.getMessage());
        return Optional.of(backoff.next(key));
      }
    }
  }
}
