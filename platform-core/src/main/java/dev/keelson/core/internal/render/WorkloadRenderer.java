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
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
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
    if (serviceAccount != null && w.serviceAccountName().isEmpty()) {
      effective = OverlayApplier.withServiceAccount(w, serviceAccount);
    }
    Map<String, String> labels = AppLabels.versioned(effective, ctx);
    String restartPolicy = effective instanceof RunToCompletion r
        ? (r.restartPolicy() == RunToCompletion.RestartPolicy.NEVER ? "Never" : "OnFailure") : null;
    PodTemplateSpec template = new PodRenderer(ctx).render(effective, restartPolicy, at);
    LabelSelector selector = new LabelSelectorBuilder().withMatchLabels(AppLabels.selector(effective)).build();
    HasMetadata out;
    if (effective instanceof DeploymentSpec d) {
      out = deployment(d, template, selector, autoscaled);
    } else if (effective instanceof StatefulSetSpec s) {
      out = statefulSet(s, template, selector, autoscaled);
    } else if (effective instanceof DaemonSetSpec d) {
      out = daemonSet(d, template, selector);
    } else if (effective instanceof JobSpec j) {
      out = new JobBuilder().withSpec(job(j, template)).build();
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
    var spec = new DeploymentBuilder().withNewSpec()
        .withReplicas(autoscaled ? null : d.replicas())
        .withSelector(selector)
        .withTemplate(template)
        .withMinReadySeconds(d.minReadySeconds() > 0 ? d.minReadySeconds() : null)
        .withPaused(d.paused() ? Boolean.TRUE : null);
    if (d.strategy() == DeploymentSpec.Strategy.RECREATE) {
      spec.withNewStrategy().withType("Recreate").endStrategy();
    } else if (d.maxSurge().isPresent() || d.maxUnavailable().isPresent()) {
      spec.withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
          .withMaxSurge(d.maxSurge().map(WorkloadRenderer::intOrPercent).orElse(null))
          .withMaxUnavailable(d.maxUnavailable().map(WorkloadRenderer::intOrPercent).orElse(null))
          .endRollingUpdate().endStrategy();
    }
    spec.withRevisionHistoryLimit(revisionHistoryLimit(d.revisionHistoryLimit().orElse(null)));
    if (d.progressDeadlineSeconds().isPresent()) {
      spec.withProgressDeadlineSeconds(d.progressDeadlineSeconds().get());
    } else if (ctx.on(Default.PROGRESS_DEADLINE)) {
      spec.withProgressDeadlineSeconds(ctx.defaults().progressDeadlineSeconds());
      ctx.applied(Default.PROGRESS_DEADLINE);
    }
    return spec.endSpec().build();
  }

  private HasMetadata statefulSet(StatefulSetSpec s, PodTemplateSpec template, LabelSelector selector,
      boolean autoscaled) {
    var spec = new StatefulSetBuilder().withNewSpec()
        .withServiceName(s.governingService())
        .withReplicas(autoscaled ? null : s.replicas())
        .withSelector(selector)
        .withTemplate(template)
        .withPodManagementPolicy(s.podManagement() == StatefulSetSpec.PodManagement.PARALLEL
            ? "Parallel" : "OrderedReady")
        .withMinReadySeconds(s.minReadySeconds() > 0 ? s.minReadySeconds() : null)
        .withRevisionHistoryLimit(revisionHistoryLimit(s.revisionHistoryLimit().orElse(null)))
        .withVolumeClaimTemplates(claims(s));
    if (s.updateStrategy() == StatefulSetSpec.UpdateStrategy.ON_DELETE) {
      spec.withNewUpdateStrategy().withType("OnDelete").endUpdateStrategy();
    } else {
      spec.withNewUpdateStrategy().withType("RollingUpdate")
          .withNewRollingUpdate().withPartition(s.partition().orElse(null)).endRollingUpdate()
          .endUpdateStrategy();
    }
    return spec.endSpec().build();
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
    var spec = new DaemonSetBuilder().withNewSpec()
        .withSelector(selector)
        .withTemplate(template)
        .withMinReadySeconds(d.minReadySeconds() > 0 ? d.minReadySeconds() : null)
        .withRevisionHistoryLimit(revisionHistoryLimit(d.revisionHistoryLimit().orElse(null)));
    if (d.maxUnavailable().isPresent() || d.maxSurge().isPresent()) {
      spec.withNewUpdateStrategy().withType("RollingUpdate").withNewRollingUpdate()
          .withMaxUnavailable(d.maxUnavailable().map(WorkloadRenderer::intOrPercent).orElse(null))
          .withMaxSurge(d.maxSurge().map(WorkloadRenderer::intOrPercent).orElse(null))
          .endRollingUpdate().endUpdateStrategy();
    }
    return spec.endSpec().build();
  }

  private static io.fabric8.kubernetes.api.model.batch.v1.JobSpec job(RunToCompletion j, PodTemplateSpec template) {
    return new JobSpecBuilder()
        .withCompletions(j.completions().orElse(null))
        .withParallelism(j.parallelism().orElse(null))
        .withBackoffLimit(j.backoffLimit())
        .withActiveDeadlineSeconds(j.activeDeadlineSeconds().orElse(null))
        .withTtlSecondsAfterFinished(j.ttlSecondsAfterFinished().orElse(null))
        .withTemplate(template)
        .build();
  }

  private HasMetadata cronJob(CronJobSpec c, PodTemplateSpec template) {
    String concurrency = c.concurrency().name().charAt(0) + c.concurrency().name().substring(1).toLowerCase(Locale.ROOT);
    return new CronJobBuilder().withNewSpec()
        .withSchedule(c.schedule())
        .withTimeZone(c.timeZone().orElse(null))
        .withConcurrencyPolicy(concurrency)
        .withStartingDeadlineSeconds(c.startingDeadlineSeconds().orElse(null))
        .withSuccessfulJobsHistoryLimit(c.successfulJobsHistoryLimit())
        .withFailedJobsHistoryLimit(c.failedJobsHistoryLimit())
        .withSuspend(c.suspend() ? Boolean.TRUE : null)
        .withNewJobTemplate()
        .withNewMetadata().withLabels(AppLabels.selector(c)).endMetadata()
        .withSpec(job(c, template))
        .endJobTemplate()
        .endSpec().build();
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
