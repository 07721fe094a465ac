/** Internal: the simulated cluster's http layer. Not part of the public API. */
package dev.keelson.testkit.internal.http;
