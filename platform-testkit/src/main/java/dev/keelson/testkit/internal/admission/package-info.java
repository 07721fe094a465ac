/** Internal: ResourceQuota and LimitRange admission and the resource-quota controller. Not part of the public API. */
package dev.keelson.testkit.internal.admission;
