/**
 * Keelson runbooks: detectors, remediation actions, safety limits, verification and escalation. See the module
 * README for scope and status.
 */
package dev.keelson.runbooks;
