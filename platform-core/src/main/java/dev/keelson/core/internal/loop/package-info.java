/** Internal: how control loops work. Not part of the public API; use {@code dev.keelson.core.loop}. */
package dev.keelson.core.internal.loop;
