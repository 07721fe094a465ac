/** AssertJ assertions for the simulated cluster, Kubernetes objects and the API request log. */
package dev.keelson.testkit.assertions;
