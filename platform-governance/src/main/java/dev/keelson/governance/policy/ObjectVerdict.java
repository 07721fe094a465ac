package dev.keelson.governance.policy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * The engine's verdict on one object: the findings that stand, those an exemption waived, and the rules evaluated.
 *
 * <pre>{@code
 * if (!verdict.allowed()) verdict.findings().forEach(f -> log.warn("{}", f));
 * }</pre>
 *
 * @param object the object judged
 * @param rules the IDs of the rules evaluated on it
 * @param findings the findings that stand
 * @param exempted the findings waived, each with the exemption that waived it
 */
public record ObjectVerdict(HasMetadata object, List<String> rules, List<Finding> findings,
    List<Exempted> exempted) {

  /** A finding an exemption waived. */
  public record Exempted(Finding finding, Exemption exemption) {
  }

  public ObjectVerdict {
    rules = List.copyOf(rules);
    findings = List.copyOf(findings);
    exempted = List.copyOf(exempted);
  }

  /** Whether no finding stands. */
  public boolean allowed() {
    return findings.isEmpty();
  }
}
