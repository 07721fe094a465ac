package dev.keelson.testkit.internal.merge;

import dev.keelson.testkit.internal.merge.ListSemantics.ApplyType;
import dev.keelson.testkit.internal.merge.ListSemantics.PatchStrategy;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The built-in types' merge markers ({@code listType}, {@code listMapKey}, {@code mapType}, {@code structType},
 * {@code patchStrategy}, {@code patchMergeKey}) from kubernetes/api, as listed in the project's
 * {@code list-semantics.md}, plus the struct edges that lead to them.
 */
final class KubernetesSchema {

    private static final String CORE = "";
    private static final String APPS = "apps";
    private static final String BATCH = "batch";
    private static final String POLICY = "policy";
    private static final String AUTOSCALING = "autoscaling";
    private static final String NETWORKING = "networking.k8s.io";
    private static final String RBAC = "rbac.authorization.k8s.io";

    private KubernetesSchema() {}

    static Schema build() {
        SchemaBuilder b = new SchemaBuilder();
        meta(b);
        podSpec(b);
        container(b);
        podStatus(b);
        workloads(b);
        core(b);
        others(b);
        return b.build();
    }

    /** A map list whose key fields have defaults (protocol "TCP" for ports). */
    private static ListSemantics portList(String elementType, String mergeKey, String portField) {
        Map<String, JsonNode> defaults = Map.of("protocol", JsonValues.NODES.stringNode("TCP"));
        return new ListSemantics(ApplyType.MAP, List.of(portField, "protocol"), defaults, PatchStrategy.MERGE,
                mergeKey, false, elementType);
    }

    /** A map list that strategic merge patch merges with {@code merge,retainKeys}. */
    private static ListSemantics retainKeysList(String elementType, String key) {
        return new ListSemantics(ApplyType.MAP, List.of(key), Map.of(), PatchStrategy.MERGE, key, true, elementType);
    }

    /** Atomic for apply, but merged by key by strategic merge patch (JobStatus.conditions, PodStatus.hostIPs). */
    private static ListSemantics atomicButPatchMerged(String key) {
        return new ListSemantics(ApplyType.ATOMIC, List.of(), Map.of(), PatchStrategy.MERGE, key, false, null);
    }

    private static void meta(SchemaBuilder b) {
        b.type("ObjectMeta")
                .set("finalizers", true)
                .mapList("ownerReferences", null, "uid", "uid")
                .atomic("managedFields");
        // +structType=atomic
        b.atomicType("LabelSelector").atomicType("LocalObjectReference").atomicType("ObjectReference");
        b.type("PodTemplateSpec").embedded("metadata", "ObjectMeta").embedded("spec", "PodSpec");
    }

    private static void podSpec(SchemaBuilder b) {
        b.type("PodSpec")
                .list("volumes", retainKeysList("Volume", "name"))
                .mapList("initContainers", "Container", "name", "name")
                .listNullWhenZero("containers", new ListSemantics(ApplyType.MAP, List.of("name"), Map.of(),
                        PatchStrategy.MERGE, "name", false, "Container"))
                .mapList("ephemeralContainers", "Container", "name", "name")
                .mapList("imagePullSecrets", "LocalObjectReference", "name", "name")
                .atomic("tolerations")
                .mapList("hostAliases", "HostAlias", "ip", "ip")
                .atomic("readinessGates")
                .mapList("topologySpreadConstraints", "TopologySpreadConstraint", "topologyKey", "topologyKey",
                        "whenUnsatisfiable")
                .mapList("schedulingGates", null, "name", "name")
                .list("resourceClaims", retainKeysList(null, "name"))
                .mapList("evictionResponders", null, "name", "name")
                .atomic("nodeSelector")
                .field("affinity", "Affinity")
                .field("securityContext", "PodSecurityContext")
                .field("dnsConfig", "PodDNSConfig");
        b.type("Volume")
                .field("configMap", "ItemsVolumeSource")
                .field("secret", "ItemsVolumeSource")
                .field("downwardAPI", "ItemsVolumeSource")
                .field("projected", "ProjectedVolumeSource")
                .field("rbd", "MonitorsVolumeSource")
                .field("cephfs", "MonitorsVolumeSource")
                .field("iscsi", "ISCSIVolumeSource")
                .field("fc", "FCVolumeSource");
        b.type("ItemsVolumeSource").atomic("items");
        b.type("ProjectedVolumeSource").atomic("sources");
        b.type("MonitorsVolumeSource").atomic("monitors");
        b.type("ISCSIVolumeSource").atomic("portals");
        b.type("FCVolumeSource").atomic("targetWWNs").atomic("wwids");
        b.type("HostAlias").atomic("hostnames");
        b.type("TopologySpreadConstraint").atomic("labelSelector").atomic("matchLabelKeys");
        b.type("Affinity")
                .field("nodeAffinity", "NodeAffinity")
                .field("podAffinity", "PodAffinity")
                .field("podAntiAffinity", "PodAffinity");
        b.type("NodeAffinity")
                .atomic("requiredDuringSchedulingIgnoredDuringExecution")
                .atomic("preferredDuringSchedulingIgnoredDuringExecution");
        b.type("PodAffinity")
                .atomic("requiredDuringSchedulingIgnoredDuringExecution")
                .atomic("preferredDuringSchedulingIgnoredDuringExecution");
        b.type("PodSecurityContext").atomic("supplementalGroups").atomic("sysctls");
        b.type("PodDNSConfig").atomic("nameservers").atomic("searches").atomic("options");
    }

    private static void container(SchemaBuilder b) {
        // Container, InitContainer and EphemeralContainer(Common) share these markers.
        b.type("Container")
                .atomic("command")
                .atomic("args")
                .list("ports", portList(null, "containerPort", "containerPort"))
                .atomic("envFrom")
                .mapList("env", "EnvVar", "name", "name")
                .atomic("resizePolicy")
                .atomic("restartPolicyRules")
                .mapList("volumeMounts", "VolumeMount", "mountPath", "mountPath")
                .mapList("volumeDevices", null, "devicePath", "devicePath")
                .field("resources", "ResourceRequirements")
                .field("securityContext", "SecurityContext")
                .field("livenessProbe", "Handler")
                .field("readinessProbe", "Handler")
                .field("startupProbe", "Handler")
                .field("lifecycle", "Lifecycle");
        b.type("VolumeMount").set("bindMountOptions", false);
        b.type("EnvVar").field("valueFrom", "EnvVarSource");
        b.type("EnvVarSource")
                .atomic("configMapKeyRef")
                .atomic("secretKeyRef")
                .atomic("fieldRef")
                .atomic("resourceFieldRef")
                .atomic("fileKeyRef");
        b.type("ResourceRequirements").mapList("claims", null, null, "name");
        b.type("SecurityContext").field("capabilities", "Capabilities");
        b.type("Capabilities").atomic("add").atomic("drop");
        // Probe and LifecycleHandler: the same two atomic lists.
        b.type("Handler").field("exec", "ExecAction").field("httpGet", "HTTPGetAction");
        b.type("Lifecycle").field("postStart", "Handler").field("preStop", "Handler");
        b.type("ExecAction").atomic("command");
        b.type("HTTPGetAction").atomic("httpHeaders");
    }

    private static void podStatus(SchemaBuilder b) {
        b.type("PodStatus")
                .conditions()
                .list("hostIPs", atomicButPatchMerged("ip"))
                .mapList("podIPs", null, "ip", "ip")
                .atomic("initContainerStatuses")
                .atomic("containerStatuses")
                .atomic("ephemeralContainerStatuses")
                .list("resourceClaimStatuses", retainKeysList(null, "name"))
                .mapList("volumeHealth", null, null, "name");
        b.type("Pod").embedded("metadata", "ObjectMeta").embedded("spec", "PodSpec").embedded("status", "PodStatus");
        b.type("PodTemplate").embedded("metadata", "ObjectMeta").embedded("template", "PodTemplateSpec");
        b.root(CORE, "Pod", "Pod").root(CORE, "PodTemplate", "PodTemplate");
    }

    private static void workloads(SchemaBuilder b) {
        b.type("ConditionsStatus").conditions();
        b.type("Untyped");
        workload(b, APPS, "Deployment", "DeploymentSpec").embedded("strategy", "Untyped");
        workload(b, APPS, "ReplicaSet", "ReplicaSetSpec");
        workload(b, APPS, "StatefulSet", "StatefulSetSpec")
                .atomic("volumeClaimTemplates")
                .embedded("updateStrategy", "Untyped");
        workload(b, APPS, "DaemonSet", "DaemonSetSpec").embedded("updateStrategy", "Untyped");

        b.type("ReplicationController").embedded("metadata", "ObjectMeta")
                .embedded("spec", "ReplicationControllerSpec").embedded("status", "ConditionsStatus");
        b.type("ReplicationControllerSpec").atomic("selector").field("template", "PodTemplateSpec");
        b.root(CORE, "ReplicationController", "ReplicationController");

        b.type("Job").embedded("metadata", "ObjectMeta").embedded("spec", "JobSpec").embedded("status", "JobStatus");
        b.type("JobSpec")
                .atomic("selector")
                .embedded("template", "PodTemplateSpec")
                .field("podFailurePolicy", "RulesHolder")
                .field("successPolicy", "RulesHolder");
        b.type("RulesHolder").atomic("rules");
        b.type("JobStatus")
                .list("conditions", atomicButPatchMerged("type"))
                .field("uncountedTerminatedPods", "UncountedTerminatedPods");
        b.type("UncountedTerminatedPods").set("succeeded", false).set("failed", false);
        b.type("CronJob").embedded("metadata", "ObjectMeta").embedded("spec", "CronJobSpec")
                .embedded("status", "CronJobStatus");
        b.type("CronJobSpec").embedded("jobTemplate", "JobTemplateSpec");
        b.type("JobTemplateSpec").embedded("metadata", "ObjectMeta").embedded("spec", "JobSpec");
        b.type("CronJobStatus").atomic("active");
        b.root(BATCH, "Job", "Job").root(BATCH, "CronJob", "CronJob");
    }

    /** A workload kind whose spec has a label selector and a pod template and whose status has conditions. */
    private static SchemaBuilder.TypeBuilder workload(SchemaBuilder b, String group, String kind, String specType) {
        b.type(kind).embedded("metadata", "ObjectMeta").embedded("spec", specType)
                .embedded("status", "ConditionsStatus");
        b.root(group, kind, kind);
        return b.type(specType).atomic("selector").embedded("template", "PodTemplateSpec");
    }

    private static void core(SchemaBuilder b) {
        b.type("Service").embedded("metadata", "ObjectMeta").embedded("spec", "ServiceSpec")
                .embedded("status", "ServiceStatus");
        b.type("ServiceSpec")
                .list("ports", portList(null, "port", "port"))
                .atomic("selector")
                .atomic("clusterIPs")
                .atomic("externalIPs")
                .atomic("loadBalancerSourceRanges")
                .atomic("ipFamilies");
        b.type("ServiceStatus").conditions().field("loadBalancer", "LoadBalancerStatus");
        b.type("LoadBalancerStatus").atomic("ingress");

        b.type("Endpoints").embedded("metadata", "ObjectMeta").atomic("subsets");

        b.type("Node").embedded("metadata", "ObjectMeta").embedded("spec", "NodeSpec")
                .embedded("status", "NodeStatus");
        b.type("NodeSpec").set("podCIDRs", true).atomic("taints");
        b.type("NodeStatus")
                .conditions()
                .mapList("addresses", null, "type", "type")
                .atomic("images")
                .atomic("volumesInUse")
                .atomic("volumesAttached")
                .atomic("runtimeHandlers")
                .atomic("declaredFeatures");

        b.type("Namespace").embedded("metadata", "ObjectMeta").embedded("spec", "NamespaceSpec")
                .embedded("status", "ConditionsStatus");
        b.type("NamespaceSpec").atomic("finalizers");

        b.type("ConfigMap").embedded("metadata", "ObjectMeta");
        b.type("Secret").embedded("metadata", "ObjectMeta");
        b.type("ServiceAccount").embedded("metadata", "ObjectMeta")
                .mapList("secrets", "ObjectReference", "name", "name")
                .atomic("imagePullSecrets");

        b.type("PersistentVolumeClaim").embedded("metadata", "ObjectMeta").embedded("spec", "PVCSpec")
                .embedded("status", "PVCStatus");
        b.type("PVCSpec").atomic("accessModes").atomic("selector").atomic("dataSource");
        b.type("PVCStatus").atomic("accessModes").conditions();
        b.type("PersistentVolume").embedded("metadata", "ObjectMeta").embedded("spec", "PVSpec");
        b.type("PVSpec").atomic("accessModes").atomic("mountOptions").atomic("claimRef");

        b.type("LimitRange").embedded("metadata", "ObjectMeta").embedded("spec", "LimitRangeSpec");
        b.type("LimitRangeSpec").atomic("limits");
        b.type("ResourceQuota").embedded("metadata", "ObjectMeta").embedded("spec", "ResourceQuotaSpec");
        b.type("ResourceQuotaSpec").atomic("scopes").field("scopeSelector", "ScopeSelector");
        b.type("ScopeSelector").atomic("matchExpressions");

        for (String kind : List.of("Service", "Endpoints", "Node", "Namespace", "ConfigMap", "Secret",
                "ServiceAccount", "PersistentVolumeClaim", "PersistentVolume", "LimitRange", "ResourceQuota")) {
            b.root(CORE, kind, kind);
        }
    }

    private static void others(SchemaBuilder b) {
        b.type("PodDisruptionBudget").embedded("metadata", "ObjectMeta").embedded("spec", "PDBSpec")
                .embedded("status", "ConditionsStatus");
        b.type("PDBSpec").atomic("selector");
        b.root(POLICY, "PodDisruptionBudget", "PodDisruptionBudget");

        b.type("HorizontalPodAutoscaler").embedded("metadata", "ObjectMeta").embedded("spec", "HPASpec")
                .embedded("status", "HPAStatus");
        b.type("HPASpec").atomic("metrics").field("behavior", "HPABehavior");
        b.type("HPABehavior").field("scaleUp", "RulesPolicies").field("scaleDown", "RulesPolicies");
        b.type("RulesPolicies").atomic("policies");
        b.type("HPAStatus").atomic("currentMetrics").conditions();
        b.root(AUTOSCALING, "HorizontalPodAutoscaler", "HorizontalPodAutoscaler");

        b.type("NetworkPolicy").embedded("metadata", "ObjectMeta").embedded("spec", "NetworkPolicySpec");
        b.type("NetworkPolicySpec")
                .atomic("podSelector")
                .atomic("ingress")
                .atomic("egress")
                .atomic("policyTypes");
        b.type("Ingress").embedded("metadata", "ObjectMeta").embedded("spec", "IngressSpec")
                .embedded("status", "IngressStatus");
        b.type("IngressSpec").atomic("tls").atomic("rules");
        b.type("IngressStatus").field("loadBalancer", "LoadBalancerStatus");
        b.root(NETWORKING, "NetworkPolicy", "NetworkPolicy").root(NETWORKING, "Ingress", "Ingress");

        b.type("Role").embedded("metadata", "ObjectMeta").atomic("rules");
        b.type("ClusterRole").embedded("metadata", "ObjectMeta").atomic("rules")
                .field("aggregationRule", "AggregationRule");
        b.type("AggregationRule").atomic("clusterRoleSelectors");
        b.type("RoleBinding").embedded("metadata", "ObjectMeta").atomic("subjects");
        for (String kind : List.of("Role", "ClusterRole")) {
            b.root(RBAC, kind, kind);
        }
        b.root(RBAC, "RoleBinding", "RoleBinding").root(RBAC, "ClusterRoleBinding", "RoleBinding");
    }
}
