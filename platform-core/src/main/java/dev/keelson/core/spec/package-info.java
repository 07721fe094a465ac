/**
 * The building blocks of every Keelson spec: containers, ports, probes, resources, environment, volumes,
 * scheduling, security overrides, and {@link dev.keelson.core.spec.SpecException} with its
 * {@link dev.keelson.core.spec.Violation}s.
 *
 * <p>All types are immutable values with builders; none of them validates on its own. The workload or app spec
 * that holds them validates the whole tree at {@code build()} and reports every violation with its field path.
 */
package dev.keelson.core.spec;
