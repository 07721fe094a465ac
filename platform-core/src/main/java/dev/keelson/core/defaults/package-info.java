/**
 * Golden-path defaults: the {@link dev.keelson.core.defaults.Defaults} profile applied at render time, its
 * individually switchable {@link dev.keelson.core.defaults.Default}s, and named
 * {@link dev.keelson.core.defaults.SizeClass}es.
 */
package dev.keelson.core.defaults;
