package dev.keelson.governance.policy.pss;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Pod Security Standards policy version: {@code latest} or {@code v1.N}, as in the
 * {@code pod-security.kubernetes.io/enforce-version} label. Versions newer than the newest check revision behave
 * like {@link #LATEST}, as upstream clamps them.
 *
 * <pre>{@code
 * PodSecurityVersion.parse("v1.29").minor();   // 29
 * PodSecurityVersion.parse("latest").isLatest(); // true
 * }</pre>
 *
 * @param minor the minor version ({@code N} of {@code v1.N}); {@link Integer#MAX_VALUE} for {@code latest}
 */
public record PodSecurityVersion(int minor) implements Comparable<PodSecurityVersion> {

  /** The newest policy: every check at its newest revision. */
  public static final PodSecurityVersion LATEST = new PodSecurityVersion(Integer.MAX_VALUE);

  private static final Pattern FORMAT = Pattern.compile("v1\\.(0|[1-9][0-9]{0,3})");

  public PodSecurityVersion {
    if (minor < 0) {
      throw new IllegalArgumentException("pod security version minor must be >= 0, got " + minor);
    }
  }

  /** {@code v1.minor}. */
  public static PodSecurityVersion of(int minor) {
    return new PodSecurityVersion(minor);
  }

  /**
   * The version a label value names.
   *
   * @throws IllegalArgumentException naming the value when it is neither {@code latest} nor {@code v1.N}
   */
  public static PodSecurityVersion parse(String value) {
    if ("latest".equals(value)) {
      return LATEST;
    }
    Matcher m = value == null ? null : FORMAT.matcher(value);
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("pod security version \"" + value + "\" is not latest or v1.N");
    }
    return new PodSecurityVersion(Integer.parseInt(m.group(1)));
  }

  /** Whether this is {@code latest}. */
  public boolean isLatest() {
    return minor == Integer.MAX_VALUE;
  }

  @Override
  public int compareTo(PodSecurityVersion other) {
    return Integer.compare(minor, other.minor);
  }

  @Override
  public String toString() {
    return isLatest() ? "latest" : "v1." + minor;
  }
}
