/** Internal: how specs become fabric8 objects. Not part of the public API; use {@code dev.keelson.core.render}. */
package dev.keelson.core.internal.render;
