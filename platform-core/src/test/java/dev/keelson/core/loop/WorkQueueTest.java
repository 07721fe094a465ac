package dev.keelson.core.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.spec.SpecException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

  private final ManualScheduler scheduler = new ManualScheduler();
  private final WorkQueue<String> queue = WorkQueue.create(scheduler);

  private List<String> drain() {
    List<String> taken = new ArrayList<>();
    for (Optional<String> next = queue.poll(); next.isPresent(); next = queue.poll()) {
      taken.add(next.get());
      queue.done(next.get());
    }
    return taken;
  }

  @Test
  void aKeyAddedWhileQueuedIsOneItem() {
    queue.add("shop/web");
    queue.add("shop/api");
    queue.add("shop/web");
    queue.add("shop/web");

    assertThat(queue.size()).isEqualTo(2);
    assertThat(drain()).containsExactly("shop/web", "shop/api");
  }

  @Test
  void aKeyAddedWhileBeingProcessedIsProcessedAgainAfterDoneAndNotBefore() {
    queue.add("shop/web");
    String taken = queue.poll().orElseThrow();
    queue.add("shop/web");
    queue.add("shop/web");

    assertThat(queue.poll()).as("no second worker gets a key that is being processed").isEmpty();
    queue.done(taken);
    assertThat(drain()).containsExactly("shop/web");
  }

  @Test
  void addAfterWaitsForTheClockAndAKeyWaitingKeepsTheEarlierTime() {
    queue.addAfter("shop/web", Duration.ofSeconds(10));
    queue.addAfter("shop/web", Duration.ofSeconds(5));
    queue.addAfter("shop/web", Duration.ofSeconds(20));

    scheduler.advance(Duration.ofMillis(4_999));
    assertThat(queue.size()).isZero();
    scheduler.advance(Duration.ofMillis(1));
    assertThat(drain()).containsExactly("shop/web");
    scheduler.advance(Duration.ofMinutes(1));
    assertThat(drain()).as("the later times were dropped").isEmpty();
  }

  /** One failed attempt: the key is retried after its back-off, and the worker takes it again. */
  private void failAndRetry(String key) {
    queue.addRateLimited(key);
    scheduler.advance(Duration.ofMinutes(1));
    assertThat(drain()).containsExactly(key);
  }

  @Test
  void backOffDoublesWithEachFailureOfAKeyAndStartsOverAfterForget() {
    for (int i = 0; i < 4; i++) {
      failAndRetry("shop/web");
    }
    failAndRetry("shop/api");
    assertThat(queue.failures("shop/web")).isEqualTo(4);
    queue.forget("shop/web");
    failAndRetry("shop/web");

    assertThat(scheduler.delays()).containsExactly(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20),
        Duration.ofMillis(40), Duration.ofMillis(5), Duration.ofMillis(5));
    assertThat(queue.failures("shop/web")).isEqualTo(1);
  }

  @Test
  void aRateLimitedKeyBecomesReadyAfterItsBackOff() {
    queue.addRateLimited("shop/web");
    String first = queue.poll().orElse("nothing yet");
    scheduler.advance(Duration.ofMillis(5));

    assertThat(first).isEqualTo("nothing yet");
    assertThat(drain()).containsExactly("shop/web");
  }

  @Test
  void backOffGrowsToTheMaximumAndStaysThere() {
    RateLimit defaults = RateLimit.defaults();

    assertThat(defaults.backoff(0)).isEqualTo(Duration.ofMillis(5));
    assertThat(defaults.backoff(1)).isEqualTo(Duration.ofMillis(10));
    assertThat(defaults.backoff(17)).isEqualTo(Duration.ofMillis(655_360));
    assertThat(defaults.backoff(18)).isEqualTo(Duration.ofSeconds(1000));
    assertThat(defaults.backoff(10_000)).isEqualTo(Duration.ofSeconds(1000));
  }

  @Test
  void onceTheBurstIsSpentRetriesOfAllKeysWaitForTheTokenBucket() {
    WorkQueue<String> limited = WorkQueue.create(scheduler,
        RateLimit.builder().baseDelay(Duration.ofMillis(1)).perSecond(2).burst(2).build());
    limited.addRateLimited("a");
    limited.addRateLimited("b");
    limited.addRateLimited("c");
    limited.addRateLimited("d");
    scheduler.advance(Duration.ofSeconds(10));
    limited.addRateLimited("e");

    assertThat(scheduler.delays()).containsExactly(Duration.ofMillis(1), Duration.ofMillis(1),
        Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(1));
  }

  @Test
  void takeWaitsForAKey() throws Exception {
    CompletableFuture<Optional<String>> taken = CompletableFuture.supplyAsync(() -> {
      try {
        return queue.take();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    queue.add("shop/web");

    assertThat(taken.get(10, TimeUnit.SECONDS)).contains("shop/web");
  }

  @Test
  void shutDownDropsQueuedKeysAndWaitsForThoseInFlight() throws Exception {
    queue.add("shop/web");
    queue.add("shop/api");
    queue.addAfter("shop/db", Duration.ofSeconds(1));
    String inFlight = queue.poll().orElseThrow();

    queue.shutDown();
    queue.add("shop/new");
    scheduler.advance(Duration.ofSeconds(5));

    assertThat(queue.take()).as("take returns at once after shut down").isEmpty();
    assertThat(queue.size()).isZero();
    assertThat(queue.awaitIdle(Duration.ofMillis(10))).as("shop/web is still being processed").isFalse();
    queue.done(inFlight);
    assertThat(queue.awaitIdle(Duration.ofMillis(10))).isTrue();
  }

  @Test
  void awaitIdleSaysWhetherWorkIsLeft() throws Exception {
    assertThat(queue.awaitIdle(Duration.ZERO)).isTrue();
    queue.add("shop/web");
    assertThat(queue.awaitIdle(Duration.ofMillis(10))).isFalse();
    assertThat(drain()).containsExactly("shop/web");
    assertThat(queue.awaitIdle(Duration.ZERO)).isTrue();
  }

  @Test
  void aRateLimitNamesEveryBadSetting() {
    assertThatThrownBy(() -> RateLimit.builder().baseDelay(Duration.ZERO).maxDelay(Duration.ofMillis(-1))
        .perSecond(0).burst(0).build())
        .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.violations())
            .extracting(v -> v.path()).containsExactly("baseDelay", "maxDelay", "perSecond", "burst"));
  }
}
