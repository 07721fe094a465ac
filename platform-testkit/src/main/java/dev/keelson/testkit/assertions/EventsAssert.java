package dev.keelson.testkit.assertions;

import io.fabric8.kubernetes.api.model.Event;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the core/v1 Events of a namespace, as {@code kubectl get events} lists them: narrow by involved
 * object, reason and type, then check what is there. A repeated occurrence is one Event with a higher
 * {@code count}, so {@link #haveTotalCount} counts occurrences and {@link #haveCount} counts Event objects.
 *
 * <pre>{@code
 * assertThat(cluster).events("default").about("Pod", pod).withReason("BackOff").haveTotalCount(3);
 * assertThat(cluster).events("default").about("Deployment", "web")
 *     .containMessage("ScalingReplicaSet", "Scaled up replica set web-6d4cf56db6 to 3");
 * }</pre>
 */
public final class EventsAssert extends AbstractAssert<EventsAssert, List<Event>> {

  private final String description;

  EventsAssert(String description, List<Event> events) {
    super(events.stream().sorted(Comparator.comparing(EventsAssert::firstSeen)).toList(), EventsAssert.class);
    this.description = description;
  }

  /** Only the Events about this object ({@code involvedObject.kind} and {@code .name}). */
  public EventsAssert about(String kind, String name) {
    return narrow(" about " + kind + " " + name, e -> e.getInvolvedObject() != null
        && kind.equals(e.getInvolvedObject().getKind()) && name.equals(e.getInvolvedObject().getName()));
  }

  /** Only the Events with this reason, e.g. {@code BackOff}. */
  public EventsAssert withReason(String reason) {
    return narrow(" with reason " + reason, e -> reason.equals(e.getReason()));
  }

  /** Only the Events of this type: {@code Normal} or {@code Warning}. */
  public EventsAssert ofType(String type) {
    return narrow(" of type " + type, e -> type.equals(e.getType()));
  }

  /** Only the Warning Events. */
  public EventsAssert warnings() {
    return ofType("Warning");
  }

  /** Asserts that some Event has this reason. */
  public EventsAssert containReason(String reason) {
    if (actual.stream().noneMatch(e -> reason.equals(e.getReason()))) {
      failWithMessage("Expected an Event with reason %s in %s, but found: %s", reason, description, listing());
    }
    return this;
  }

  /** Asserts that some Event has exactly this reason and message. */
  public EventsAssert containMessage(String reason, String message) {
    if (actual.stream().noneMatch(e -> reason.equals(e.getReason()) && message.equals(e.getMessage()))) {
      failWithMessage("Expected an Event %s \"%s\" in %s, but found: %s", reason, message, description, listing());
    }
    return this;
  }

  /** Asserts that there is no Event (after narrowing). */
  public EventsAssert areEmpty() {
    if (!actual.isEmpty()) {
      failWithMessage("Expected no Events in %s, but found: %s", description, listing());
    }
    return this;
  }

  /** Asserts how many Event objects there are. */
  public EventsAssert haveCount(int expected) {
    if (actual.size() != expected) {
      failWithMessage("Expected %s Events in %s, but found %s: %s", expected, description, actual.size(), listing());
    }
    return this;
  }

  /** Asserts how many occurrences the Events record in all (the sum of their {@code count}). */
  public EventsAssert haveTotalCount(int expected) {
    int total = actual.stream().mapToInt(EventsAssert::count).sum();
    if (total != expected) {
      failWithMessage("Expected %s occurrences in %s, but the Events count %s: %s", expected, description, total,
          listing());
    }
    return this;
  }

  /** The reasons in the order the Events first happened, for {@code containsSubsequence} and the like. */
  public List<String> reasons() {
    return actual.stream().map(Event::getReason).toList();
  }

  private EventsAssert narrow(String what, Predicate<Event> keep) {
    return new EventsAssert(description + what, actual.stream().filter(keep).toList());
  }

  private List<String> listing() {
    return actual.stream().map(e -> e.getType() + " " + e.getReason() + " \"" + e.getMessage() + "\""
        + (count(e) > 1 ? " (x" + count(e) + ")" : "")).toList();
  }

  private static int count(Event e) {
    return e.getCount() == null ? 1 : e.getCount();
  }

  private static String firstSeen(Event e) {
    return Objects.requireNonNullElse(e.getFirstTimestamp(), "") + "/" + e.getMetadata().getName();
  }
}
