package dev.keelson.core.internal.apply;

import dev.keelson.core.ObjectRef;
import dev.keelson.core.apply.ApplyException;
import dev.keelson.core.apply.ApplyFinished;
import dev.keelson.core.apply.ApplyResult;
import dev.keelson.core.apply.Applier;
import dev.keelson.core.apply.ObjectApplied;
import dev.keelson.core.apply.ObjectOutcome;
import dev.keelson.core.apply.ObjectOutcome.Status;
import dev.keelson.core.internal.plan.ApplyOrder;
import dev.keelson.core.internal.plan.Kinds;
import dev.keelson.core.internal.plan.Retrier;
import dev.keelson.core.plan.Change;
import dev.keelson.core.plan.Plan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One execution of a plan: tiers of writes, then prunes, then the readiness wait. */
public final class ApplyRun {
  private static final Logger LOG = LoggerFactory.getLogger(ApplyRun.class);

  private final Applier.Settings settings;
  private final Plan plan;
  private final Map<ObjectRef, ObjectOutcome> outcomes = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger parentWrites = new AtomicInteger();
  private final ObjectWriter writer;
  private final ApplySetParent parent;

  public ApplyRun(Applier.Settings settings, Plan plan) {
    this.settings = settings;
    this.plan = plan;
    Retrier retrier = new Retrier(settings.retry());
    Kinds kinds = new Kinds(settings.client(), retrier);
    this.writer = new ObjectWriter(settings, plan.correlationId(), kinds, retrier, requests);
    this.parent = new ApplySetParent(settings, plan, kinds, retrier);
  }

  public ApplyResult execute() {
    LOG.debug("applying plan {}: {}", plan.correlationId(), plan.summary());
    for (Change change : plan.unchanged()) {
      outcomes.put(change.ref(), new ObjectOutcome(change.ref(), Status.UNCHANGED, 0, List.of(), Optional.empty()));
    }
    boolean failed = false;
    boolean parentPending = plan.hasChanges();
    if (parentPending && !parent.waitsForNamespace()) {
      failed = !recordUnion();
      parentPending = false;
    }
    Map<Integer, List<Change>> tiers = new TreeMap<>();
    List<Change> deletes = new ArrayList<>();
    for (Change change : plan.changes()) {
      switch (change.action()) {
        case CREATE, UPDATE -> tiers.computeIfAbsent(ApplyOrder.tier(change.ref()), t -> new ArrayList<>())
            .add(change);
        case DELETE -> deletes.add(change);
        case NO_OP -> {
          // recorded above
        }
      }
    }
    for (Map.Entry<Integer, List<Change>> tier : tiers.entrySet()) {
      if (parentPending && !failed && tier.getKey() > 0) {
        failed = !recordUnion();
        parentPending = false;
      }
      if (failed) {
        notAttempted(tier.getValue(), "an earlier write failed");
      } else {
        failed = !runTier(tier.getValue(), writer::write);
      }
    }
    if (parentPending && !failed) {
      failed = !recordUnion();
    }
    if (failed) {
      notAttempted(deletes, "not pruned because earlier writes failed");
    } else if (!deletes.isEmpty()) {
      Map<Integer, List<Change>> deleteTiers = new TreeMap<>(java.util.Comparator.reverseOrder());
      deletes.forEach(d -> deleteTiers.computeIfAbsent(ApplyOrder.tier(d.ref()), t -> new ArrayList<>()).add(d));
      for (List<Change> tier : deleteTiers.values()) {
        if (failed) {
          notAttempted(tier, "an earlier prune failed");
        } else {
          failed = !runTier(tier, writer::delete);
        }
      }
    }
    if (!failed && plan.hasChanges()) {
      parentWrites.addAndGet(parent.recordExactly());
    }
    if (!failed && settings.readinessTimeout() != null) {
      new ReadinessWait(settings, writer, outcomes).await();
    }
    ApplyResult result = new ApplyResult(plan.correlationId(), ordered(), requests.get(), parentWrites.get());
    settings.events().publish(new ApplyFinished(settings.clock().instant(), plan.correlationId(), result));
    if (!result.succeeded()) {
      throw new ApplyException(result);
    }
    return result;
  }

  /** Records the union of old and new membership on the ApplySet parent; on failure nothing else is tried. */
  private boolean recordUnion() {
    try {
      parentWrites.addAndGet(parent.recordUnion());
      return true;
    } catch (RuntimeException e) {
      notAttempted(plan.changes().stream().filter(Change::isWrite).toList(), "the ApplySet parent could not be "
          + "updated: " + e.getMessage());
      return false;
    }
  }

  /** Runs one tier's changes concurrently; true when all succeeded. */
  private boolean runTier(List<Change> tier, java.util.function.Function<Change, ObjectOutcome> action) {
    int threads = Math.min(settings.concurrency(), tier.size());
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "keelson-apply-" + plan.correlationId().substring(0, 8));
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<ObjectOutcome>> futures = new ArrayList<>();
      for (Change change : tier) {
        futures.add(pool.submit(() -> action.apply(change)));
      }
      boolean ok = true;
      for (int i = 0; i < futures.size(); i++) {
        ObjectOutcome outcome = outcome(futures.get(i), tier.get(i));
        outcomes.put(outcome.ref(), outcome);
        if (outcome.status() != Status.UNCHANGED || outcome.attempts() > 0) {
          settings.events().publish(new ObjectApplied(settings.clock().instant(), plan.correlationId(), outcome,
              settings.fieldManager()));
        }
        ok &= !outcome.status().isFailure();
      }
      return ok;
    } finally {
      pool.shutdownNow();
    }
  }

  private static ObjectOutcome outcome(Future<ObjectOutcome> future, Change change) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ObjectOutcome(change.ref(), Status.FAILED, 0, List.of(), Optional.of("interrupted"));
    } catch (ExecutionException e) {
      LOG.warn("writing {} failed unexpectedly", change.ref(), e.getCause());
      return new ObjectOutcome(change.ref(), Status.FAILED, 0, List.of(), Optional.of(String.valueOf(
          e.getCause())));
    }
  }

  private void notAttempted(List<Change> changes, String why) {
    for (Change change : changes) {
      outcomes.putIfAbsent(change.ref(), new ObjectOutcome(change.ref(), Status.NOT_ATTEMPTED, 0, List.of(),
          Optional.of(why)));
    }
  }

  private List<ObjectOutcome> ordered() {
    Map<ObjectRef, ObjectOutcome> inPlanOrder = new LinkedHashMap<>();
    for (Change change : plan.changes()) {
      inPlanOrder.put(change.ref(), outcomes.get(change.ref()));
    }
    return List.copyOf(inPlanOrder.values());
  }
}
