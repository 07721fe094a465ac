package dev.keelson.core.plan;

import dev.keelson.core.validation.Names;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A named set of objects applied together, recorded the way {@code kubectl apply --prune --applyset} records it
 * (KEP-3659): a parent Secret carries the label {@code applyset.kubernetes.io/id} and the annotations
 * {@code applyset.kubernetes.io/tooling} and {@code applyset.kubernetes.io/contains-group-kinds}; every member
 * carries the label {@code applyset.kubernetes.io/part-of} with the set's id. Objects that were applied as part of
 * the set and have left the spec are pruned on the next apply.
 *
 * <pre>{@code
 * Plan plan = Planner.on(client).applySet(ApplySet.of("shop", "shop")).build().plan(objects);
 * }</pre>
 *
 * @param name the parent Secret's name
 * @param namespace the parent Secret's namespace
 */
public record ApplySet(String name, String namespace) {
  /** Label on every member: the id of the set it belongs to. */
  public static final String PART_OF_LABEL = "applyset.kubernetes.io/part-of";
  /** Label on the parent: the set's id. */
  public static final String ID_LABEL = "applyset.kubernetes.io/id";
  /** Annotation on the parent: the tool that manages the set. */
  public static final String TOOLING_ANNOTATION = "applyset.kubernetes.io/tooling";
  /** Annotation on the parent: the group-kinds of its members, sorted and comma-separated. */
  public static final String GROUP_KINDS_ANNOTATION = "applyset.kubernetes.io/contains-group-kinds";
  /** Annotation on the parent: namespaces with members other than the parent's own. */
  public static final String ADDITIONAL_NAMESPACES_ANNOTATION = "applyset.kubernetes.io/additional-namespaces";
  /** The tooling value Keelson writes and requires. */
  public static final String TOOLING = "keelson/v0.1.0";

  public ApplySet {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    List<String> problems = new ArrayList<>(Names.dns1123Subdomain(name));
    problems.addAll(Names.dns1123Label(namespace));
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("ApplySet " + namespace + "/" + name + ": " + String.join("; ", problems));
    }
  }

  /** The set whose parent is the Secret {@code namespace/name}. */
  public static ApplySet of(String name, String namespace) {
    return new ApplySet(name, namespace);
  }

  /**
   * The set's id as KEP-3659 defines it: {@code applyset-} + unpadded base64url of SHA-256 over
   * {@code name.namespace.Secret.} (the parent's name, namespace, kind and empty core group) + {@code -v1}.
   */
  public String id() {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest((name + "." + namespace + ".Secret.").getBytes(StandardCharsets.UTF_8));
      return "applyset-" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash) + "-v1";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "ApplySet " + namespace + "/" + name;
  }
}
