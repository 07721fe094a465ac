/**
 * Rendering: {@link dev.keelson.core.render.Renderer} turns specs into fabric8 objects with a defaults profile;
 * {@link dev.keelson.core.render.Manifests} writes deterministic YAML/JSON and parses it back.
 */
package dev.keelson.core.render;
