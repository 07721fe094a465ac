/**
 * Keelson releases: rolling, canary and blue/green with gates, analysis and automatic rollback. See the module
 * README for scope and status.
 */
package dev.keelson.release;
