package dev.keelson.core.internal.loop;

/** Where a {@link KubernetesStateStore} keeps its JSON document: read it, and write it conditionally. */
public interface StateLocation {

  /**
   * What is stored now.
   *
   * @param exists whether the holding object exists
   * @param json the stored document, or null
   * @param version the holding object's resourceVersion, or null when it does not exist
   */
  record Snapshot(boolean exists, String json, String version) {
  }

  Snapshot read();

  /**
   * Writes {@code json} provided the holding object is still at {@code at}'s version.
   *
   * @return the holding object's new resourceVersion
   * @throws io.fabric8.kubernetes.client.KubernetesClientException with code 409 when it moved on meanwhile
   */
  String write(String json, Snapshot at);

  /** Where, for messages and logs, e.g. {@code annotation keelson.dev/state-rollout of Deployment shop/web}. */
  String describe();
}
