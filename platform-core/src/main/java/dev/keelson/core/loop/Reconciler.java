package dev.keelson.core.loop;

/**
 * The logic of a {@link ControlLoop}: makes the world match the desired state for one key, and says what should
 * happen next. It is called for a key whenever something about that key may have changed, never for the same key
 * on two threads at once, and must be idempotent: it may run again for a key at any time, including after a
 * crash halfway through. Read through a {@link Cache} rather than asking the API server for each key.
 *
 * <pre>{@code
 * Reconciler<ObjectKey> labeler = key -> {
 *   Optional<Deployment> deployment = deployments.get(key);
 *   if (deployment.isEmpty()) {
 *     return Result.done();                          // deleted: nothing to do
 *   }
 *   client.apps().deployments().inNamespace(key.namespace()).withName(key.name())
 *       .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"seen\":\"yes\"}}}");
 *   return Result.done();
 * };
 * }</pre>
 *
 * <p>An exception thrown from {@link #reconcile} counts as {@link Result#error(Throwable)}: the key is retried with
 * exponential back-off.
 *
 * @param <K> the key type, usually {@link ObjectKey}
 */
@FunctionalInterface
public interface Reconciler<K> {

  Result reconcile(K key) throws Exception;
}
