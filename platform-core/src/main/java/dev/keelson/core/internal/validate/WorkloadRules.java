package dev.keelson.core.internal.validate;

import dev.keelson.core.validation.CronSchedule;
import dev.keelson.core.validation.Names;
import dev.keelson.core.workload.ClaimTemplate;
import dev.keelson.core.workload.CronJobSpec;
import dev.keelson.core.workload.DaemonSetSpec;
import dev.keelson.core.workload.DeploymentSpec;
import dev.keelson.core.workload.JobSpec;
import dev.keelson.core.workload.RunToCompletion;
import dev.keelson.core.workload.StatefulSetSpec;
import dev.keelson.core.workload.WorkloadSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Validates a whole workload spec tree and throws one {@code SpecException} listing every violation. */
public final class WorkloadRules {

  /** CronJob names leave room for the 11 characters the controller appends to Job names. */
  private static final int CRON_JOB_NAME_MAX = 52;

  private WorkloadRules() {
  }

  public static void requireValid(WorkloadSpec spec) {
    Checks root = Checks.root();
    validate(root, spec);
    root.throwIfAny(spec.kind() + "Spec " + Checks.quote(spec.name()));
  }

  /** Adds the workload's violations under {@code at}, without throwing. */
  public static void validate(Checks at, WorkloadSpec spec) {
    common(at, spec);
    if (spec instanceof DeploymentSpec d) {
      deployment(at, d);
    } else if (spec instanceof StatefulSetSpec s) {
      statefulSet(at, s);
    } else if (spec instanceof DaemonSetSpec d) {
      d.maxUnavailable().ifPresent(v -> at.at("maxUnavailable").intOrPercent(v));
      d.maxSurge().ifPresent(v -> at.at("maxSurge").intOrPercent(v));
      if (d.maxUnavailable().filter(Checks::isZero).isPresent() && d.maxSurge().filter(Checks::isZero).isPresent()) {
        at.at("maxUnavailable").fail("rollout-progress", "may not be 0 when maxSurge is 0");
      }
      at.at("minReadySeconds").atLeast(d.minReadySeconds(), 0);
      d.revisionHistoryLimit().ifPresent(v -> at.at("revisionHistoryLimit").atLeast(v, 0));
    } else if (spec instanceof JobSpec j) {
      runToCompletion(at, j);
    } else if (spec instanceof CronJobSpec c) {
      cronJob(at, c);
    }
  }

  private static void common(Checks at, WorkloadSpec spec) {
    at.at("name").dnsLabel(spec.name());
    spec.namespace().ifPresent(ns -> at.at("namespace").dnsLabel(ns));
    at.at("labels").labels(spec.labels());
    at.at("annotations").annotations(spec.annotations());
    at.at("podLabels").labels(spec.podLabels());
    at.at("podAnnotations").annotations(spec.podAnnotations());
    spec.version().ifPresent(v -> at.at("version").rule("label-value", v,
        Names.labelValue(v)));
    spec.component().ifPresent(v -> at.at("component").rule("label-value", v,
        Names.labelValue(v)));
    spec.partOf().ifPresent(v -> at.at("partOf").rule("label-value", v,
        Names.labelValue(v)));
    spec.instance().ifPresent(v -> at.at("instance").rule("label-value", v,
        Names.labelValue(v)));
    if (spec.containers().isEmpty()) {
      at.at("containers").fail("required", "at least one container is required");
    }
    Set<String> volumes = PodRules.volumes(at, spec.volumes());
    Set<String> containerNames = new HashSet<>();
    PodRules.containers(at, "initContainers", spec.initContainers(), volumes, containerNames);
    PodRules.containers(at, "sidecars", spec.sidecars(), volumes, containerNames);
    PodRules.containers(at, "containers", spec.containers(), volumes, containerNames);
    PodRules.scheduling(at.at("scheduling"), spec.scheduling());
    spec.serviceAccountName().ifPresent(sa -> at.at("serviceAccountName").dnsSubdomain(sa));
    spec.terminationGracePeriodSeconds().ifPresent(s -> at.at("terminationGracePeriodSeconds").atLeast(s, 0));
    List<String> pullSecrets = spec.imagePullSecrets();
    for (int i = 0; i < pullSecrets.size(); i++) {
      at.item("imagePullSecrets", i).dnsSubdomain(pullSecrets.get(i));
    }
  }

  private static void deployment(Checks at, DeploymentSpec d) {
    at.at("replicas").atLeast(d.replicas(), 0);
    d.maxSurge().ifPresent(v -> at.at("maxSurge").intOrPercent(v));
    d.maxUnavailable().ifPresent(v -> at.at("maxUnavailable").intOrPercent(v));
    if (d.strategy() == DeploymentSpec.Strategy.RECREATE
        && (d.maxSurge().isPresent() || d.maxUnavailable().isPresent())) {
      at.at("strategy").fail("recreate-no-rolling-params",
          "maxSurge and maxUnavailable may not be set when strategy is RECREATE");
    }
    if (d.maxSurge().filter(Checks::isZero).isPresent() && d.maxUnavailable().filter(Checks::isZero).isPresent()) {
      at.at("maxUnavailable").fail("rollout-progress", "may not be 0 when maxSurge is 0");
    }
    d.maxUnavailable().filter(v -> v.endsWith("%")).filter(v -> Integer.parseInt(v.substring(0, v.length() - 1))
        > 100).ifPresent(v -> at.at("maxUnavailable").fail("percent-range", "must not be greater than 100%"));
    at.at("minReadySeconds").atLeast(d.minReadySeconds(), 0);
    d.revisionHistoryLimit().ifPresent(v -> at.at("revisionHistoryLimit").atLeast(v, 0));
    d.progressDeadlineSeconds().ifPresent(v -> {
      at.at("progressDeadlineSeconds").atLeast(v, 1);
      if (v <= d.minReadySeconds()) {
        at.at("progressDeadlineSeconds").fail("deadline-after-min-ready",
            "must be greater than minReadySeconds (" + d.minReadySeconds() + ")");
      }
    });
  }

  private static void statefulSet(Checks at, StatefulSetSpec s) {
    at.at("replicas").atLeast(s.replicas(), 0);
    s.serviceName().ifPresent(n -> at.at("serviceName").dns1035Label(n));
    s.partition().ifPresent(p -> at.at("partition").atLeast(p, 0));
    if (s.partition().isPresent() && s.updateStrategy() == StatefulSetSpec.UpdateStrategy.ON_DELETE) {
      at.at("partition").fail("partition-rolling-only", "only valid with updateStrategy ROLLING_UPDATE");
    }
    at.at("minReadySeconds").atLeast(s.minReadySeconds(), 0);
    s.revisionHistoryLimit().ifPresent(v -> at.at("revisionHistoryLimit").atLeast(v, 0));
    Set<String> names = new HashSet<>();
    List<ClaimTemplate> claims = s.claimTemplates();
    for (int i = 0; i < claims.size(); i++) {
      ClaimTemplate c = claims.get(i);
      Checks here = at.item("claimTemplates", c.name() == null ? Integer.toString(i) : c.name());
      here.at("name").dnsLabel(c.name());
      if (c.name() != null && !names.add(c.name())) {
        here.at("name").fail("unique-claim-name", "duplicate claim template \"" + c.name() + "\"");
      }
      here.at("size").quantity(c.size());
      c.storageClass().ifPresent(sc -> here.at("storageClass").dnsSubdomain(sc));
    }
  }

  private static void runToCompletion(Checks at, RunToCompletion j) {
    j.completions().ifPresent(v -> at.at("completions").atLeast(v, 0));
    j.parallelism().ifPresent(v -> at.at("parallelism").atLeast(v, 0));
    at.at("backoffLimit").atLeast(j.backoffLimit(), 0);
    j.activeDeadlineSeconds().ifPresent(v -> at.at("activeDeadlineSeconds").atLeast(v, 1));
    j.ttlSecondsAfterFinished().ifPresent(v -> at.at("ttlSecondsAfterFinished").atLeast(v, 0));
  }

  private static void cronJob(Checks at, CronJobSpec c) {
    if (c.name() != null && c.name().length() > CRON_JOB_NAME_MAX) {
      at.at("name").fail("cronjob-name-length", "must be no more than " + CRON_JOB_NAME_MAX + " characters");
    }
    Checks schedule = at.at("schedule");
    if (schedule.required(c.schedule())) {
      schedule.rule("cron-schedule", c.schedule(), CronSchedule.validate(c.schedule()));
    }
    c.timeZone().ifPresent(tz -> at.at("timeZone").rule("time-zone", tz, CronSchedule.validateTimeZone(tz)));
    c.startingDeadlineSeconds().ifPresent(v -> at.at("startingDeadlineSeconds").atLeast(v, 0));
    at.at("successfulJobsHistoryLimit").atLeast(c.successfulJobsHistoryLimit(), 0);
    at.at("failedJobsHistoryLimit").atLeast(c.failedJobsHistoryLimit(), 0);
    runToCompletion(at, c);
  }
}
