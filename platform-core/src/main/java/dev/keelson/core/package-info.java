/**
 * Keelson core. Start at {@link dev.keelson.core.Keelson}; specs live in {@code spec}, {@code workload} and
 * {@code app}, defaults in {@code defaults}, rendering in {@code render}, validators in {@code validation}.
 *
 * <p>Clusters and fleets live in {@code cluster}, the live inventory of what runs on them in {@code inventory}.
 */
package dev.keelson.core;
