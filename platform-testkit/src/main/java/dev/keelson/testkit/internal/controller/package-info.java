/** Internal: the simulated cluster's controller layer. Not part of the public API. */
package dev.keelson.testkit.internal.controller;
