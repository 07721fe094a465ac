/**
 * Admission: {@link dev.keelson.governance.admission.AdmissionHandler} answers {@code admission.k8s.io/v1}
 * AdmissionReviews from any HTTP server with the policy engine's verdict, namespace Pod Security levels, warnings
 * and JSON-patch {@link dev.keelson.governance.admission.Mutation}s such as {@link
 * dev.keelson.governance.admission.PodSecurityDefaults}.
 */
package dev.keelson.governance.admission;
