/** Internal: the simulated cluster's api layer. Not part of the public API. */
package dev.keelson.testkit.internal.api;
