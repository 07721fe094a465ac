package dev.keelson.core.internal.render;

import dev.keelson.core.defaults.Default;
import dev.keelson.core.internal.validate.Checks;
import dev.keelson.core.workload.ClaimTemplate;
import dev.keelson.core.workload.CronJobSpec;
import dev.keelson.core.workload.DaemonSetSpec;
import dev.keelson.core.workload.DeploymentSpec;
import dev.keelson.core.workload.JobSpec;
import dev.keelson.core.workload.RunToCompletion;
import dev.keelson.core.workload.StatefulSetSpec;
import dev.keelson.core.workload.WorkloadSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategyBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategyBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a workload spec to its fabric8 object. */
final class WorkloadRenderer {

  private final RenderContext ctx;

  WorkloadRenderer(RenderContext ctx) {
    this.ctx = ctx;
  }

  /**
   * @param autoscaled when true, {@code spec.replicas} is left out so that an HPA owns it
   */
  HasMetadata render(WorkloadSpec w, String serviceAccount, boolean autoscaled, Checks at) {
    ctx.beginObject();
    WorkloadSpec effective = w;
    String account = w.serviceAccountName().orElse(serviceAccount);
    Map<String, String> labels = AppLabels.versioned(effective, ctx);
    String restartPolicy = effective instanceof RunToCompletion r
        ? (r.restartPolicy() == RunToCompletion.RestartPolicy.NEVER ? "Never" : "OnFailure") : null;
    PodTemplateSpec template = new PodRenderer(ctx).render(effective, account, restartPolicy, at);
    LabelSelector selector = new LabelSelectorBuilder().withMatchLabels(AppLabels.selector(effective)).build();
    HasMetadata out;
    if (effective instanceof DeploymentSpec d) {
      out = deployment(d, template, selector, autoscaled);
    } else if (effective instanceof StatefulSetSpec s) {
      out = statefulSet(s, template, selector, autoscaled);
    } else if (effective instanceof DaemonSetSpec d) {
      out = daemonSet(d, template, selector);
    } else if (effective instanceof JobSpec j) {
      Job job = new Job();
      job.setSpec(job(j, template));
      out = job;
    } else if (effective instanceof CronJobSpec c) {
      out = cronJob(c, template);
    } else {
      throw new IllegalArgumentException("unknown workload spec " + w.getClass().getName());
    }
    out.setMetadata(meta(effective, labels));
    return out;
  }

  private ObjectMeta meta(WorkloadSpec w, Map<String, String> labels) {
    return new ObjectMetaBuilder()
        .withName(w.name())
        .withNamespace(w.namespace().orElse(null))
        .withLabels(labels)
        .withAnnotations(ctx.annotate(w.annotations()))
        .build();
  }

  private HasMetadata deployment(DeploymentSpec d, PodTemplateSpec template, LabelSelector selector,
      boolean autoscaled) {
    io.fabric8.kubernetes.api.model.apps.DeploymentSpec spec = new io.fabric8.kubernetes.api.model.apps.DeploymentSpec();
    spec.setReplicas(autoscaled ? null : d.replicas());
    spec.setSelector(selector);
    spec.setTemplate(template);
    spec.setMinReadySeconds(d.minReadySeconds() > 0 ? d.minReadySeconds() : null);
    spec.setPaused(d.paused() ? Boolean.TRUE : null);
    if (d.strategy() == DeploymentSpec.Strategy.RECREATE) {
      spec.setStrategy(new DeploymentStrategyBuilder().withType("Recreate").build());
    } else if (d.maxSurge().isPresent() || d.maxUnavailable().isPresent()) {
      spec.setStrategy(new DeploymentStrategyBuilder().withType("RollingUpdate").withNewRollingUpdate()
          .withMaxSurge(d.maxSurge().map(WorkloadRenderer::intOrPercent).orElse(null))
          .withMaxUnavailable(d.maxUnavailable().map(WorkloadRenderer::intOrPercent).orElse(null))
          .endRollingUpdate().build());
    }
    spec.setRevisionHistoryLimit(revisionHistoryLimit(d.revisionHistoryLimit().orElse(null)));
    if (d.progressDeadlineSeconds().isPresent()) {
      spec.setProgressDeadlineSeconds(d.progressDeadlineSeconds().get());
    } else if (ctx.on(Default.PROGRESS_DEADLINE)) {
      spec.setProgressDeadlineSeconds(ctx.defaults().progressDeadlineSeconds());
      ctx.applied(Default.PROGRESS_DEADLINE);
    }
    Deployment out = new Deployment();
    out.setSpec(spec);
    return out;
  }

  private HasMetadata statefulSet(StatefulSetSpec s, PodTemplateSpec template, LabelSelector selector,
      boolean autoscaled) {
    io.fabric8.kubernetes.api.model.apps.StatefulSetSpec spec =
        new io.fabric8.kubernetes.api.model.apps.StatefulSetSpec();
    spec.setServiceName(s.governingService());
    spec.setReplicas(autoscaled ? null : s.replicas());
    spec.setSelector(selector);
    spec.setTemplate(template);
    spec.setPodManagementPolicy(s.podManagement() == StatefulSetSpec.PodManagement.PARALLEL
        ? "Parallel" : "OrderedReady");
    spec.setMinReadySeconds(s.minReadySeconds() > 0 ? s.minReadySeconds() : null);
    spec.setRevisionHistoryLimit(revisionHistoryLimit(s.revisionHistoryLimit().orElse(null)));
    spec.setVolumeClaimTemplates(claims(s));
    if (s.updateStrategy() == StatefulSetSpec.UpdateStrategy.ON_DELETE) {
      spec.setUpdateStrategy(new StatefulSetUpdateStrategyBuilder().withType("OnDelete").build());
    } else {
      spec.setUpdateStrategy(new StatefulSetUpdateStrategyBuilder().withType("RollingUpdate")
          .withNewRollingUpdate().withPartition(s.partition().orElse(null)).endRollingUpdate().build());
    }
    StatefulSet out = new StatefulSet();
    out.setSpec(spec);
    return out;
  }

  private List<PersistentVolumeClaim> claims(StatefulSetSpec s) {
    List<PersistentVolumeClaim> out = new ArrayList<>();
    for (ClaimTemplate c : s.claimTemplates()) {
      out.add(new PersistentVolumeClaimBuilder()
          .withNewMetadata().withName(c.name()).endMetadata()
          .withNewSpec()
          .withAccessModes(c.accessModes().isEmpty() ? List.of("ReadWriteOnce") : c.accessModes())
          .withStorageClassName(c.storageClass().orElse(null))
          .withNewResources().addToRequests("storage", new Quantity(c.size())).endResources()
          .endSpec()
          .build());
    }
    return out;
  }

  private HasMetadata daemonSet(DaemonSetSpec d, PodTemplateSpec template, LabelSelector selector) {
    io.fabric8.kubernetes.api.model.apps.DaemonSetSpec spec = new io.fabric8.kubernetes.api.model.apps.DaemonSetSpec();
    spec.setSelector(selector);
    spec.setTemplate(template);
    spec.setMinReadySeconds(d.minReadySeconds() > 0 ? d.minReadySeconds() : null);
    spec.setRevisionHistoryLimit(revisionHistoryLimit(d.revisionHistoryLimit().orElse(null)));
    if (d.maxUnavailable().isPresent() || d.maxSurge().isPresent()) {
      spec.setUpdateStrategy(new DaemonSetUpdateStrategyBuilder().withType("RollingUpdate").withNewRollingUpdate()
          .withMaxUnavailable(d.maxUnavailable().map(WorkloadRenderer::intOrPercent).orElse(null))
          .withMaxSurge(d.maxSurge().map(WorkloadRenderer::intOrPercent).orElse(null))
          .endRollingUpdate().build());
    }
    DaemonSet out = new DaemonSet();
    out.setSpec(spec);
    return out;
  }

  private static io.fabric8.kubernetes.api.model.batch.v1.JobSpec job(RunToCompletion j, PodTemplateSpec template) {
    io.fabric8.kubernetes.api.model.batch.v1.JobSpec spec = new io.fabric8.kubernetes.api.model.batch.v1.JobSpec();
    spec.setCompletions(j.completions().orElse(null));
    spec.setParallelism(j.parallelism().orElse(null));
    spec.setBackoffLimit(j.backoffLimit());
    spec.setActiveDeadlineSeconds(j.activeDeadlineSeconds().orElse(null));
    spec.setTtlSecondsAfterFinished(j.ttlSecondsAfterFinished().orElse(null));
    spec.setTemplate(template);
    return spec;
  }

  private HasMetadata cronJob(CronJobSpec c, PodTemplateSpec template) {
    String concurrency = c.concurrency().name().charAt(0) + c.concurrency().name().substring(1).toLowerCase(Locale.ROOT);
    io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec spec = new io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec();
    spec.setSchedule(c.schedule());
    spec.setTimeZone(c.timeZone().orElse(null));
    spec.setConcurrencyPolicy(concurrency);
    spec.setStartingDeadlineSeconds(c.startingDeadlineSeconds().orElse(null));
    spec.setSuccessfulJobsHistoryLimit(c.successfulJobsHistoryLimit());
    spec.setFailedJobsHistoryLimit(c.failedJobsHistoryLimit());
    spec.setSuspend(c.suspend() ? Boolean.TRUE : null);
    ObjectMeta jobMeta = new ObjectMeta();
    jobMeta.setLabels(AppLabels.selector(c));
    spec.setJobTemplate(new JobTemplateSpec(jobMeta, job(c, template)));
    CronJob out = new CronJob();
    out.setSpec(spec);
    return out;
  }

  private Integer revisionHistoryLimit(Integer given) {
    if (given != null) {
      return given;
    }
    if (ctx.on(Default.REVISION_HISTORY_LIMIT)) {
      ctx.applied(Default.REVISION_HISTORY_LIMIT);
      return ctx.defaults().revisionHistoryLimit();
    }
    return null;
  }

  static IntOrString intOrPercent(String value) {
    return value.endsWith("%") ? new IntOrString(value) : new IntOrString(Integer.parseInt(value));
  }
}
