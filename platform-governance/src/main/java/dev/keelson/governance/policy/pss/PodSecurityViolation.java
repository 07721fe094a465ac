package dev.keelson.governance.policy.pss;

import java.util.List;
import java.util.Objects;

/**
 * One failed Pod Security Standards check, in upstream's words: {@code reason (detail)}, e.g.
 * {@code allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false)}.
 *
 * <pre>{@code
 * violation.checkId();   // "allowPrivilegeEscalation"
 * violation.toString();  // the API server's words
 * }</pre>
 *
 * @param checkId upstream's check ID, e.g. {@code hostNamespaces}
 * @param level the level the check belongs to ({@code BASELINE} or {@code RESTRICTED})
 * @param reason upstream's {@code ForbiddenReason}
 * @param detail upstream's {@code ForbiddenDetail}, may be empty
 * @param paths the offending field paths inside the pod, e.g. {@code spec.containers[app].securityContext.privileged}
 */
public record PodSecurityViolation(String checkId, PodSecurityLevel level, String reason, String detail,
    List<String> paths) {

  public PodSecurityViolation {
    Objects.requireNonNull(checkId, "checkId");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    paths = List.copyOf(paths);
  }

  /** The API server's words for this violation: {@code reason (detail)}, or the reason alone. */
  @Override
  public String toString() {
    return detail.isEmpty() ? reason : reason + " (" + detail + ")";
  }
}
