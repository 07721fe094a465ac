package dev.keelson.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs each test method against a fresh {@link SimulatedCluster}; test methods (and constructors, lifecycle
 * methods) may declare a {@link SimulatedCluster} and/or a {@link io.fabric8.kubernetes.client.KubernetesClient}
 * parameter.
 *
 * <p>With the system property {@code keelson.kubeconfig} (or the environment variable
 * {@code KEELSON_KUBECONFIG}) pointing at a kubeconfig file, the injected client talks to that real cluster
 * instead; tests that ask for the {@link SimulatedCluster} itself are then skipped, since they script what only a
 * simulation can.
 *
 * <pre>{@code
 * @SimulatedClusterTest
 * class OnboardingTest {
 *   @Test
 *   void createsTheNamespace(KubernetesClient client, SimulatedCluster cluster) { ... }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SimulatedClusterExtension.class)
public @interface SimulatedClusterTest {
}
