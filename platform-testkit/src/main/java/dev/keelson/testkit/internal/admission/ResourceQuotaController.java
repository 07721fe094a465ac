package dev.keelson.testkit.internal.admission;

import dev.keelson.testkit.internal.admission.Resources.Qty;
import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.Selector;
import dev.keelson.testkit.internal.api.WatchEvent;
import dev.keelson.testkit.internal.controller.Controller;
import dev.keelson.testkit.internal.controller.WorkQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes' resource-quota controller: keeps each ResourceQuota's {@code status.hard} equal to
 * {@code spec.hard} and recounts {@code status.used} from the store whenever the quota or an object it counts
 * changes, so deleted or finished pods release their quota. Instead of upstream's five-minute resync it rechecks
 * a namespace when a terminating pod's grace period runs out (the moment such a pod stops being charged).
 */
public final class ResourceQuotaController implements Controller {

  private final ApiServer api;
  private final ResourceType quotas;
  private final ResourceType pods;

  public ResourceQuotaController(ApiServer api) {
    this.api = api;
    this.quotas = api.type("v1", "ResourceQuota");
    this.pods = api.type("v1", "Pod");
  }

  @Override
  public String name() {
    return "resourcequota";
  }

  @Override
  public void onEvent(WatchEvent event, WorkQueue queue) {
    if (!event.resource().namespaced()) {
      return;
    }
    String ns = Json.text(event.object(), "metadata", "namespace");
    if (ns == null) {
      return;
    }
    if (event.resource().sameResource(quotas)) {
      queue.add(ns + "/" + Json.text(event.object(), "metadata", "name"));
      return;
    }
    for (ObjectNode quota : api.store().snapshot(quotas, ns, Selector.everything())) {
      for (String r : QuotaUsage.hard(quota).keySet()) {
        if (QuotaUsage.tracks(event.resource(), r)) {
          queue.add(ns + "/" + Json.text(quota, "metadata", "name"));
          break;
        }
      }
    }
  }

  @Override
  public Optional<Duration> reconcile(String key) {
    int slash = key.indexOf('/');
    String ns = key.substring(0, slash);
    ObjectNode quota = api.store().get(quotas, ns, key.substring(slash + 1));
    if (quota == null || quota.path("metadata").has("deletionTimestamp")) {
      return Optional.empty();
    }
    Instant now = api.store().clock().instant();
    TreeMap<String, Qty> hard = QuotaUsage.hard(quota);
    TreeMap<String, Qty> used = Resources.read(quota.path("status").get("used"));
    used.putAll(QuotaUsage.calculate(api.store(), api.types(), quota, now));
    ObjectNode status = Json.object();
    status.set("hard", Resources.write(hard));
    status.set("used", Resources.write(Resources.mask(used, hard.keySet())));
    if (!status.equals(quota.get("status"))) {
      ObjectNode updated = quota.deepCopy();
      updated.set("status", status);
      api.updateStatus(quotas, ns, updated, "kube-controller-manager", false);
    }
    return graceExpiry(ns, now);
  }

  /** When the next pod of the namespace that is terminating but still charged stops being charged. */
  private Optional<Duration> graceExpiry(String ns, Instant now) {
    Optional<Duration> next = Optional.empty();
    for (ObjectNode pod : api.store().snapshot(pods, ns, Selector.everything())) {
      String deletion = Json.text(pod, "metadata", "deletionTimestamp");
      JsonNode grace = pod.path("metadata").get("deletionGracePeriodSeconds");
      if (deletion == null || grace == null || !grace.isNumber() || !QuotaUsage.charged(pod, now)) {
        continue;
      }
      // Charged up to and including deletionTimestamp + grace; released just after.
      Instant end = Instant.parse(deletion).plusSeconds(grace.asLong()).plusNanos(1);
      Duration wait = Duration.between(now, end);
      if (next.isEmpty() || wait.compareTo(next.get()) < 0) {
        next = Optional.of(wait);
      }
    }
    return next;
  }
}
