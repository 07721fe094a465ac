/**
 * kube-controller-manager's endpoint controllers: the EndpointSlice controller (discovery.k8s.io/v1) and the
 * Endpoints controller (core/v1), which turn each selector Service and the pods it selects into the addresses a
 * Service routes to.
 */
package dev.keelson.testkit.internal.controller.endpoints;
