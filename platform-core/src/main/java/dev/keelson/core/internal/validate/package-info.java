/** Internal: the rules behind every spec's {@code build()}. Not part of the public API. */
package dev.keelson.core.internal.validate;
