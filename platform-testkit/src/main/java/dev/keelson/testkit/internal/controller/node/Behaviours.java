package dev.keelson.testkit.internal.controller.node;

import dev.keelson.testkit.internal.api.Selector;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The scripted behaviour of simulated containers, looked up by the kubelet whenever it starts a container.
 *
 * <pre>{@code
 * behaviours.forImage("shop/api:2").crashLoop();
 * behaviours.forImage("shop/worker").oomAfter(Duration.ofMinutes(2));      // any tag of the repository
 * behaviours.forPods("app=checkout").slowStart(Duration.ofSeconds(30));   // label selector
 * behaviours.forImage("busybox").exitAfter(Duration.ofSeconds(5), 0);     // a Job's pod completes
 * }</pre>
 *
 * <p>Precedence: a rule for the exact image reference, then one for the image's repository, then one whose pod
 * selector matches; among rules of the same kind the newest wins. Containers without a rule behave
 * {@linkplain ContainerBehaviour#NORMAL normally}. Init containers without an exit rule complete (exit 0) at once.
 */
public final class Behaviours {

  /** What a rule applies to. */
  sealed interface Matcher permits ImageMatcher, RepositoryMatcher, PodMatcher {
  }

  record ImageMatcher(String image) implements Matcher {
  }

  record RepositoryMatcher(String repository) implements Matcher {
  }

  record PodMatcher(String selectorText, Selector selector) implements Matcher {
    @Override
    public boolean equals(Object o) {
      return o instanceof PodMatcher p && p.selectorText.equals(selectorText);
    }

    @Override
    public int hashCode() {
      return selectorText.hashCode();
    }
  }

  private final List<BehaviourRule> rules = new CopyOnWriteArrayList<>();

  /**
   * Rules for containers of this image: an exact reference ({@code shop/api:2}, {@code nginx@sha256:...}) matches
   * only that reference; a reference without tag or digest ({@code shop/api}) matches every tag of the repository.
   */
  public BehaviourRule forImage(String image) {
    Objects.requireNonNull(image, "image");
    Matcher m = hasTagOrDigest(image) ? new ImageMatcher(image) : new RepositoryMatcher(image);
    return add(new BehaviourRule(m));
  }

  /** Rules for every container of pods whose labels match this selector ({@code app=web,tier in (a,b)}). */
  public BehaviourRule forPods(String labelSelector) {
    return add(new BehaviourRule(new PodMatcher(labelSelector, Selector.parseLabels(labelSelector))));
  }

  /** Rules for every container of pods carrying all these labels. */
  public BehaviourRule forPods(Map<String, String> labels) {
    StringBuilder text = new StringBuilder();
    new java.util.TreeMap<>(labels).forEach((k, v) -> text.append(text.length() == 0 ? "" : ",").append(k)
        .append('=').append(v));
    return forPods(text.toString());
  }

  /** Forgets every rule: all containers behave normally from their next start. */
  public void reset() {
    rules.clear();
  }

  private BehaviourRule add(BehaviourRule rule) {
    rules.removeIf(r -> r.matcher().equals(rule.matcher()));
    rules.add(rule);
    return rule;
  }

  /** The rule for a container, or null when none applies. */
  BehaviourRule ruleFor(String image, Map<String, String> podLabels) {
    String repository = repository(image);
    BehaviourRule byRepository = null;
    BehaviourRule byPod = null;
    for (int i = rules.size() - 1; i >= 0; i--) {
      BehaviourRule r = rules.get(i);
      Matcher matcher = r.matcher();
      if (matcher instanceof ImageMatcher m && m.image().equals(image)) {
        return r;
      } else if (matcher instanceof RepositoryMatcher m && byRepository == null
          && m.repository().equals(repository)) {
        byRepository = r;
      } else if (matcher instanceof PodMatcher m && byPod == null && m.selector().matches(podLabels)) {
        byPod = r;
      }
    }
    return byRepository != null ? byRepository : byPod;
  }

  /** The behaviour of a container of this image in a pod with these labels. */
  ContainerBehaviour behaviourFor(String image, Map<String, String> podLabels, boolean initContainer) {
    BehaviourRule rule = ruleFor(image, podLabels);
    ContainerBehaviour b = rule == null ? ContainerBehaviour.NORMAL : rule.behaviour();
    if (initContainer && b.runFor() == null) {
      b = b.withExit(java.time.Duration.ZERO, 0);
    }
    return b;
  }

  /** The repository of an image reference: without {@code :tag} and {@code @digest}. */
  static String repository(String image) {
    String s = image;
    int at = s.indexOf('@');
    if (at >= 0) {
      s = s.substring(0, at);
    }
    int colon = s.lastIndexOf(':');
    if (colon > s.lastIndexOf('/')) {
      s = s.substring(0, colon);
    }
    return s;
  }

  static boolean hasTagOrDigest(String image) {
    return !repository(image).equals(image);
  }
}
