/**
 * Keelson core. Start at {@link dev.keelson.core.Keelson}; specs live in {@code spec}, {@code workload} and
 * {@code app}, defaults in {@code defaults}, rendering in {@code render}, validators in {@code validation}.
 */
package dev.keelson.core;
