/**
 * Validators that accept and reject exactly what a real Kubernetes cluster does, with Kubernetes'
 * own error wording, so that a spec can be checked before it ever reaches an API server.
 *
 * <ul>
 *   <li>{@link dev.keelson.core.validation.Names}: object names, label and annotation keys and
 *       values, port names, environment variable names, port numbers and the annotations size
 *       limit (apimachinery {@code pkg/util/validation}).</li>
 *   <li>{@link dev.keelson.core.validation.Quantities}: resource quantities such as {@code 250m}
 *       and {@code 1.5Gi}: the grammar, exact values, comparison and canonical rendering of
 *       {@code resource.Quantity}.</li>
 *   <li>{@link dev.keelson.core.validation.ImageReference}: container image references under the
 *       {@code distribution/reference} grammar and {@code go-digest}'s digest rules.</li>
 *   <li>{@link dev.keelson.core.validation.CronSchedule}: CronJob schedules as robfig/cron's
 *       {@code ParseStandard} reads them, CronJob time zones, and the next fire time.</li>
 * </ul>
 *
 * <p>Validators return a list of problems, empty when the value is valid, like apimachinery's
 * {@code Is*} functions. Messages never include a field path: the caller adds it, e.g.
 * {@code "metadata.name: " + problem}. Parsers throw {@link java.lang.IllegalArgumentException}
 * naming the rejected value and the reason.
 *
 * <p>Example: {@code Names.dns1123Label("web-frontend").isEmpty()} is {@code true}.
 */
package dev.keelson.core.validation;
