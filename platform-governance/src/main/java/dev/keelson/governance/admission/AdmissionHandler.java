package dev.keelson.governance.admission;

import dev.keelson.governance.internal.policy.JsonPatches;
import dev.keelson.governance.policy.Finding;
import dev.keelson.governance.policy.ObjectVerdict;
import dev.keelson.governance.policy.PodTemplate;
import dev.keelson.governance.policy.PolicyContext;
import dev.keelson.governance.policy.PolicyEngine;
import dev.keelson.governance.policy.Severity;
import dev.keelson.governance.policy.pss.PodSecurityLevel;
import dev.keelson.governance.policy.pss.PodSecurityStandards;
import dev.keelson.governance.policy.pss.PodSecurityVersion;
import dev.keelson.governance.policy.pss.PodSecurityViolation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * An admission webhook's logic, embeddable in any HTTP server: takes an {@code admission.k8s.io/v1} AdmissionReview
 * and returns the review with its response — allowed, or denied (403) with the rule messages; warnings; and, when
 * mutations are configured, a base64 JSONPatch. Pods are also held to their namespace's
 * {@code pod-security.kubernetes.io/enforce} level (workloads get warnings, as upstream's PodSecurity admission does),
 * and Namespaces with invalid Pod Security labels are denied. Fail-closed by default: an internal error denies.
 *
 * <pre>{@code
 * AdmissionHandler handler = AdmissionHandler.builder()
 *     .engine(PolicyEngine.builder().rules(BestPractices.all()).build())
 *     .namespaceLabels(ns -> client.namespaces().withName(ns).get().getMetadata().getLabels())
 *     .mutation(new PodSecurityDefaults())
 *     .build();
 * String responseJson = handler.review(requestJson);   // e.g. in a Javalin or Servlet POST handler
 * }</pre>
 */
public final class AdmissionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(AdmissionHandler.class);
  private static final String PREFIX = "pod-security.kubernetes.io/";

  private final PolicyEngine engine;
  private final Function<String, Map<String, String>> namespaceLabels;
  private final List<Mutation> mutations;
  private final boolean failOpen;
  private final Severity denyFrom;
  private final PodSecurityStandards standards = PodSecurityStandards.upstream();
  private final KubernetesSerialization serialization = new KubernetesSerialization();

  private AdmissionHandler(Builder b) {
    this.engine = b.engine;
    this.namespaceLabels = b.namespaceLabels;
    this.mutations = List.copyOf(b.mutations);
    this.failOpen = b.failOpen;
    this.denyFrom = b.denyFrom;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The review as JSON in, the review with its response as JSON out. */
  public String review(String json) {
    AdmissionReview review;
    try {
      review = serialization.unmarshal(json, AdmissionReview.class);
    } catch (RuntimeException e) {
      LOG.warn("Unreadable AdmissionReview: {}", e.getMessage());
      review = new AdmissionReview();
      review.setApiVersion("admission.k8s.io/v1");
      review.setKind("AdmissionReview");
      review.setResponse(error("", "unreadable AdmissionReview: " + e.getMessage()));
      return serialization.asJson(review);
    }
    return serialization.asJson(review(review));
  }

  /** Answers a review: the same review with {@code response} set. */
  public AdmissionReview review(AdmissionReview review) {
    AdmissionRequest request = review.getRequest();
    String uid = request == null || request.getUid() == null ? "" : request.getUid();
    AdmissionResponse response;
    try {
      response = respond(Objects.requireNonNull(request, "AdmissionReview has no request"));
    } catch (RuntimeException e) {
      LOG.error("Admission of request {} failed; {}", uid, failOpen ? "allowing (fail-open)" : "denying (fail-closed)",
          e);
      response = error(uid, "keelson admission failed: " + e.getMessage());
    }
    AdmissionReview out = new AdmissionReview();
    out.setApiVersion(review.getApiVersion() == null ? "admission.k8s.io/v1" : review.getApiVersion());
    out.setKind("AdmissionReview");
    out.setResponse(response);
    return out;
  }

  private AdmissionResponse error(String uid, String message) {
    AdmissionResponse r = new AdmissionResponse();
    r.setUid(uid);
    r.setAllowed(failOpen);
    if (failOpen) {
      r.setWarnings(List.of(message));
    } else {
      r.setStatus(status(500, "InternalError", message));
    }
    return r;
  }

  private AdmissionResponse respond(AdmissionRequest request) {
    AdmissionResponse response = new AdmissionResponse();
    response.setUid(request.getUid());
    response.setAllowed(true);
    String operation = request.getOperation();
    if (request.getObject() == null || "DELETE".equals(operation) || "CONNECT".equals(operation)) {
      return response;
    }
    HasMetadata original = serialization.unmarshal(serialization.asJson(request.getObject()));
    if (original.getMetadata() != null && original.getMetadata().getNamespace() == null) {
      original.getMetadata().setNamespace(request.getNamespace());
    }
    HasMetadata object = original;
    if (!mutations.isEmpty()) {
      object = serialization.unmarshal(serialization.asJson(original));
      for (Mutation m : mutations) {
        m.apply(object);
      }
      ArrayNode patch = JsonPatches.diff(serialization.convertValue(original, JsonNode.class),
          serialization.convertValue(object, JsonNode.class));
      if (!patch.isEmpty()) {
        response.setPatchType("JSONPatch");
        response.setPatch(Base64.getEncoder().encodeToString(
            serialization.asJson(patch).getBytes(StandardCharsets.UTF_8)));
      }
    }
    List<String> denials = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    if (object instanceof Namespace ns) {
      denials.addAll(invalidPodSecurityLabels(ns));
    }
    ObjectVerdict verdict = engine.evaluate(object, PolicyContext.none());
    for (Finding f : verdict.findings()) {
      String text = f.rule() + " at " + f.path() + ": " + f.message();
      (f.severity().compareTo(denyFrom) <= 0 ? denials : warnings).add(text);
    }
    namespacePodSecurity(object, request.getNamespace(), denials, warnings);
    if (!warnings.isEmpty()) {
      response.setWarnings(warnings);
    }
    if (!denials.isEmpty()) {
      response.setAllowed(false);
      response.setPatch(null);
      response.setPatchType(null);
      String name = object.getMetadata() == null ? "" : object.getMetadata().getName();
      response.setStatus(status(403, "Forbidden", object.getKind() + " \"" + name + "\" is forbidden: "
          + String.join("; ", denials)));
    }
    return response;
  }

  private void namespacePodSecurity(HasMetadata object, String namespace, List<String> denials,
      List<String> warnings) {
    if (namespaceLabels == null || namespace == null) {
      return;
    }
    var template = PodTemplate.of(object);
    if (template.isEmpty()) {
      return;
    }
    Map<String, String> labels = namespaceLabels.apply(namespace);
    if (labels == null) {
      return;
    }
    for (String mode : List.of("enforce", "warn")) {
      String level = labels.get(PREFIX + mode);
      if (level == null || level.equals("privileged")) {
        continue;
      }
      String version = labels.getOrDefault(PREFIX + mode + "-version", "latest");
      List<PodSecurityViolation> violations = standards.evaluate(PodSecurityLevel.parse(level),
          PodSecurityVersion.parse(version), template.get().metadata(), template.get().spec());
      if (violations.isEmpty()) {
        continue;
      }
      String message = PodSecurityStandards.message(level, version, violations);
      if (mode.equals("enforce") && object instanceof Pod) {
        denials.add(message);
      } else {
        // Upstream's warning for what enforce would deny: "would violate PodSecurity ...".
        String warning = "would violate" + message.substring("violates".length());
        if (!warnings.contains(warning)) {
          warnings.add(warning);
        }
      }
    }
  }

  private static List<String> invalidPodSecurityLabels(Namespace ns) {
    List<String> errors = new ArrayList<>();
    Map<String, String> labels = ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels();
    for (String mode : List.of("enforce", "audit", "warn")) {
      check(labels, PREFIX + mode, errors, PodSecurityLevel::parse);
      check(labels, PREFIX + mode + "-version", errors, PodSecurityVersion::parse);
    }
    return errors;
  }

  private static void check(Map<String, String> labels, String key, List<String> errors, Function<String, ?> parse) {
    String value = labels.get(key);
    if (value != null) {
      try {
        parse.apply(value);
      } catch (IllegalArgumentException e) {
        errors.add("metadata.labels[" + key + "]: Invalid value: \"" + value + "\": " + e.getMessage());
      }
    }
  }

  private static Status status(int code, String reason, String message) {
    return new StatusBuilder().withCode(code).withReason(reason).withMessage(message).build();
  }

  /** Builds an {@link AdmissionHandler}. */
  public static final class Builder {
    private PolicyEngine engine = PolicyEngine.builder().build();
    private Function<String, Map<String, String>> namespaceLabels;
    private final List<Mutation> mutations = new ArrayList<>();
    private boolean failOpen;
    private Severity denyFrom = Severity.INFO;

    private Builder() {
    }

    /**
     * The least severity that denies; findings below it become warnings. Default {@link Severity#INFO}: every finding
     * denies. {@code denyFrom(Severity.HIGH)} denies high and critical findings and warns about the rest.
     */
    public Builder denyFrom(Severity severity) {
      this.denyFrom = Objects.requireNonNull(severity, "severity");
      return this;
    }

    /** The rules requests must pass; context-dependent rules do not run on a lone object. */
    public Builder engine(PolicyEngine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
      return this;
    }

    /** How to read a namespace's labels, for its Pod Security levels; without it they are not applied. */
    public Builder namespaceLabels(Function<String, Map<String, String>> lookup) {
      this.namespaceLabels = Objects.requireNonNull(lookup, "lookup");
      return this;
    }

    /** A mutation applied before checking, returned as a JSON patch; mutations run in the order added. */
    public Builder mutation(Mutation mutation) {
      mutations.add(Objects.requireNonNull(mutation, "mutation"));
      return this;
    }

    /** Whether an internal error allows the request (with a warning); default false: it denies. */
    public Builder failOpen(boolean failOpen) {
      this.failOpen = failOpen;
      return this;
    }

    public AdmissionHandler build() {
      return new AdmissionHandler(this);
    }
  }
}
