/**
 * The simulated API server's merge engine: how Kubernetes combines an object with a write.
 *
 * <ul>
 *   <li>{@link dev.keelson.testkit.internal.merge.Schema} knows, per kind and field, whether a list is atomic, a set
 *       or a map keyed by some fields (server-side apply) and how strategic merge patch merges it.</li>
 *   <li>{@link dev.keelson.testkit.internal.merge.FieldSet} is a set of field paths in the managedFields
 *       {@code FieldsV1} encoding.</li>
 *   <li>{@link dev.keelson.testkit.internal.merge.ServerSideApply} merges apply configurations, tracks
 *       {@code metadata.managedFields} and reports conflicts exactly like kube-apiserver.</li>
 *   <li>{@link dev.keelson.testkit.internal.merge.StrategicMergePatch},
 *       {@link dev.keelson.testkit.internal.merge.JsonMergePatch} and
 *       {@link dev.keelson.testkit.internal.merge.JsonPatch} apply the three PATCH flavours.</li>
 * </ul>
 *
 * <p>Everything here works on Jackson 3 trees, never mutates its inputs and keeps no state between calls.
 */
package dev.keelson.testkit.internal.merge;
