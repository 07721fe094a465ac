/** Runnable examples of Keelson, using the public API only. {@link dev.keelson.examples.SampleApp} is the app the docs use. */
package dev.keelson.examples;
