package dev.keelson.governance.policy;

import dev.keelson.governance.policy.pss.PodSecurityLevel;
import dev.keelson.governance.policy.pss.PodSecurityVersion;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates policy rules on objects and their pod templates, applies exemptions, and returns verdicts. Immutable and
 * thread-safe once built.
 *
 * <pre>{@code
 * PolicyEngine engine = PolicyEngine.builder()
 *     .podSecurity(PodSecurityLevel.RESTRICTED, PodSecurityVersion.LATEST)
 *     .rules(BestPractices.all())
 *     .exemption(Exemption.forNamespace("monitoring", "node-exporter, INFRA-231", Instant.parse("2026-12-31T00:00:00Z")))
 *     .build();
 * PolicyResult result = engine.evaluate(Keelson.renderer().render(app));
 * }</pre>
 */
public final class PolicyEngine {

  private static final Logger LOG = LoggerFactory.getLogger(PolicyEngine.class);

  private final List<PolicyRule> rules;
  private final List<Exemption> exemptions;
  private final Clock clock;
  private final KubernetesSerialization serialization = new KubernetesSerialization();

  private PolicyEngine(Builder b) {
    this.rules = List.copyOf(b.rules);
    this.exemptions = List.copyOf(b.exemptions);
    this.clock = b.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The rules, in evaluation order. */
  public List<PolicyRule> rules() {
    return rules;
  }

  /** Judges each object among all of them (context-dependent rules included). */
  public PolicyResult evaluate(Collection<? extends HasMetadata> objects) {
    PolicyContext context = PolicyContext.of(objects);
    Instant now = clock.instant();
    List<ObjectVerdict> verdicts = new ArrayList<>(objects.size());
    for (HasMetadata object : objects) {
      verdicts.add(verdict(object, context, now));
    }
    return new PolicyResult(verdicts, now);
  }

  /** Judges one object alone, or among a context (a cluster snapshot, say). */
  public ObjectVerdict evaluate(HasMetadata object, PolicyContext context) {
    return verdict(object, context, clock.instant());
  }

  private ObjectVerdict verdict(HasMetadata object, PolicyContext context, Instant now) {
    PolicyInput input = new PolicyInput(object, context, serialization);
    List<String> evaluated = new ArrayList<>(rules.size());
    List<Finding> findings = new ArrayList<>(0);
    List<ObjectVerdict.Exempted> exempted = new ArrayList<>(0);
    for (PolicyRule rule : rules) {
      if (rule.needsContext() && !context.complete()) {
        continue;
      }
      evaluated.add(rule.id());
      for (Finding f : rule.evaluate(input)) {
        Exemption waiver = exemptionFor(object, f, now);
        if (waiver == null) {
          findings.add(f);
        } else {
          exempted.add(new ObjectVerdict.Exempted(f, waiver));
        }
      }
    }
    return new ObjectVerdict(object, evaluated, findings, exempted);
  }

  private Exemption exemptionFor(HasMetadata object, Finding finding, Instant now) {
    for (Exemption e : exemptions) {
      if (e.covers(object, finding)) {
        if (e.activeAt(now)) {
          return e;
        }
        LOG.debug("Exemption expired at {} no longer waives {} on {} {}: {}", e.expires(), finding.rule(),
            object.getKind(), object.getMetadata().getName(), e.reason());
      }
    }
    return null;
  }

  /** Builds a {@link PolicyEngine}. */
  public static final class Builder {
    private final List<PolicyRule> rules = new ArrayList<>();
    private final List<Exemption> exemptions = new ArrayList<>();
    private Clock clock = Clock.systemUTC();

    private Builder() {
    }

    /** Adds the Pod Security Standards at a level and version. */
    public Builder podSecurity(PodSecurityLevel level, PodSecurityVersion version) {
      return rule(PodSecurityRule.of(level, version));
    }

    public Builder rule(PolicyRule rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    public Builder rules(Collection<? extends PolicyRule> rules) {
      rules.forEach(this::rule);
      return this;
    }

    public Builder exemption(Exemption exemption) {
      exemptions.add(Objects.requireNonNull(exemption, "exemption"));
      return this;
    }

    /** The clock exemptions expire by; default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the ID when two rules share one
     */
    public PolicyEngine build() {
      Set<String> ids = new HashSet<>();
      for (PolicyRule r : rules) {
        if (!ids.add(r.id())) {
          throw new IllegalArgumentException("rules: two rules have the ID \"" + r.id() + "\"");
        }
      }
      return new PolicyEngine(this);
    }
  }
}
