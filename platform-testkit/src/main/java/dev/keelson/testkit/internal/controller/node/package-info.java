/**
 * Internal: the simulated cluster's nodes — node fleet and kubelet node status, the scheduler, the kubelet's pod
 * lifecycle driven by scripted {@link dev.keelson.testkit.internal.controller.node.Behaviours}, the node lifecycle
 * controller with taint-based eviction, and the DefaultTolerationSeconds admission. Everything runs on the
 * virtual clock. Entry point: {@link dev.keelson.testkit.internal.controller.node.NodeControllers#install}.
 * Not part of the public API.
 */
package dev.keelson.testkit.internal.controller.node;
