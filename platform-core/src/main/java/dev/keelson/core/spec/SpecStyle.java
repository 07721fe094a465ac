package dev.keelson.core.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style every Keelson value type uses.
 *
 * <p>Generated types are named {@code Immutable*}; users reach them through the abstract type's static
 * {@code builder()}. Builders never throw for a missing or null attribute themselves
 * ({@link Value.Style.ValidationMethod#NONE}): the spec's own check collects every problem and throws a single
 * {@link SpecException} naming each field path, so a user sees all mistakes at once.
 *
 * <pre>{@code
 * @Value.Immutable
 * @SpecStyle
 * public abstract class MySpec { ... }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.PACKAGE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    typeImmutable = "Immutable*",
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    validationMethod = Value.Style.ValidationMethod.NONE,
    jdkOnly = true,
    depluralize = true,
    depluralizeDictionary = {"toleration:tolerations", "sidecar:sidecars", "claimTemplate:claimTemplates",
        "hostname:hostnames", "class:classes", "ingress:ingresses"},
    redactedMask = "****",
    optionalAcceptNullable = true,
    defaults = @Value.Immutable(copy = true, prehash = false))
public @interface SpecStyle {
}
