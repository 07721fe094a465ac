package dev.keelson.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

/** Kept quick: a few hundred tries per property. */
@PropertyDefaults(tries = 300, edgeCases = EdgeCasesMode.FIRST)
class ImageReferencePropertiesTest {

    private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String WORD = LOWER_ALNUM + "ABCDEFGHIJKLMNOPQRSTUVWXYZ_";

    private static Arbitrary<String> alnum() {
        return Arbitraries.strings().withChars(LOWER_ALNUM).ofMinLength(1).ofMaxLength(6);
    }

    /** A path component; {@code dots} allows the "." separator (which would make a first component a registry). */
    private static Arbitrary<String> pathComponent(boolean dots) {
        Arbitrary<String> separator = dots ? Arbitraries.of("_", "__", "-", "--", ".") : Arbitraries.of("_", "__", "-");
        Arbitrary<String> tail = Combinators.combine(separator, alnum()).as(String::concat).list().ofMaxSize(2)
                .map(parts -> String.join("", parts));
        return Combinators.combine(alnum(), tail).as(String::concat);
    }

    private static Arbitrary<String> registries() {
        Arbitrary<String> hostLabel = Combinators.combine(
                Arbitraries.strings().withChars(LOWER_ALNUM + "ABC").ofMinLength(1).ofMaxLength(1),
                Arbitraries.strings().withChars(LOWER_ALNUM + "-").ofMaxLength(5),
                Arbitraries.strings().withChars(LOWER_ALNUM).ofMinLength(1).ofMaxLength(1))
                .as((a, b, c) -> a + b + c);
        Arbitrary<String> dotted = hostLabel.list().ofMinSize(2).ofMaxSize(3).map(l -> String.join(".", l));
        Arbitrary<String> host = Arbitraries.oneOf(dotted, Arbitraries.just("localhost"), Arbitraries.just("[::1]"));
        Arbitrary<String> port = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.integers().between(1, 65535).map(p -> ":" + p));
        return Combinators.combine(host, port).as(String::concat);
    }

    private record Generated(String registry, String repository, String tag, String digest) {
        String render() {
            return (registry == null ? "" : registry + "/") + repository + (tag == null ? "" : ":" + tag)
                    + (digest == null ? "" : "@" + digest);
        }
    }

    @Provide
    Arbitrary<Generated> references() {
        Arbitrary<String> registry = Arbitraries.oneOf(Arbitraries.just((String) null), registries());
        Arbitrary<List<String>> rest = pathComponent(true).list().ofMaxSize(3);
        Arbitrary<String> tag = Arbitraries.oneOf(Arbitraries.just((String) null),
                Combinators.combine(Arbitraries.strings().withChars(WORD).ofLength(1),
                        Arbitraries.strings().withChars(WORD + ".-").ofMaxLength(20)).as(String::concat));
        Arbitrary<String> digest = Arbitraries.oneOf(Arbitraries.just((String) null),
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).map(h -> "sha256:" + h));
        return Combinators.combine(registry, pathComponent(false), pathComponent(true), rest, tag, digest)
                .as((reg, firstNoDots, firstAny, more, t, d) -> {
                    // Without a registry, a first component with a dot would itself be read as a registry.
                    String first = reg == null && !more.isEmpty() ? firstNoDots : firstAny;
                    StringBuilder repo = new StringBuilder(first);
                    more.forEach(c -> repo.append('/').append(c));
                    return new Generated(reg, repo.toString(), t, d);
                });
    }

    @Property
    void parseAndToStringRoundTrip(@ForAll("references") Generated g) {
        String text = g.render();
        ImageReference ref = ImageReference.parse(text);
        assertThat(ref.toString()).isEqualTo(text);
        assertThat(ref.registry()).isEqualTo(g.registry());
        assertThat(ref.repository()).isEqualTo(g.repository());
        assertThat(ref.tag()).isEqualTo(g.tag());
        assertThat(ref.digest()).isEqualTo(g.digest());
        assertThat(ImageReference.validate(text)).isEmpty();
        assertThat(ImageReference.parse(ref.toString())).isEqualTo(ref);
    }

    @Property
    void floatingAndPinnedAreConsistent(@ForAll("references") Generated g) {
        ImageReference ref = ImageReference.parse(g.render());
        assertThat(ref.hasDigest()).isEqualTo(g.digest() != null);
        assertThat(ref.isLatestOrUntagged())
                .isEqualTo(g.digest() == null && (g.tag() == null || g.tag().equals("latest")));
        ImageReference pinned = ref.withDigest("sha256:" + "ab".repeat(32));
        assertThat(pinned.isLatestOrUntagged()).isFalse();
        assertThat(ImageReference.parse(pinned.toString())).isEqualTo(pinned);
    }

    @Property
    void upperCaseInTheRepositoryIsRejected(@ForAll("references") Generated g) {
        // Upper-case a letter of the last component (an upper-case first component would be a registry).
        String repository = g.repository();
        int lastSlash = repository.lastIndexOf('/');
        int at = repository.length() - 1;
        while (at > lastSlash && !Character.isLetter(repository.charAt(at))) {
            at--;
        }
        if (at <= lastSlash) {
            return;
        }
        String upper = repository.substring(0, at) + Character.toUpperCase(repository.charAt(at))
                + repository.substring(at + 1);
        String text = new Generated(g.registry(), upper, g.tag(), g.digest()).render();
        List<String> problems = ImageReference.validate(text);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).containsAnyOf("must be lowercase", "invalid reference format");
    }

    @Property
    void whitespaceAndIllegalCharactersAreRejected(@ForAll("references") Generated g,
            @ForAll("illegal") String illegal) {
        String text = g.render();
        assertThat(ImageReference.validate(text + illegal)).isNotEmpty();
        assertThat(ImageReference.validate(illegal + text)).isNotEmpty();
    }

    @Provide
    Arbitrary<String> illegal() {
        return Arbitraries.of(" ", "\t", "!", "#", "%", "\\", "/", "@", "?", "*", "ü");
    }

    @Property
    void anyStringGetsAVerdictWithoutFailing(@ForAll String any) {
        if (ImageReference.validate(any).isEmpty()) {
            assertThat(ImageReference.parse(any).toString()).isEqualTo(any);
        }
    }

    private static final Pattern REFERENCE = Pattern.compile(ImageReference.REFERENCE_REGEX);

    /** Short strings over the grammar's alphabet, some with a syntactically plausible digest. */
    @Provide
    Arbitrary<String> referenceLike() {
        Arbitrary<String> text = Arbitraries.strings().withChars("ab0Z._-_/:[]").ofMaxLength(16);
        Arbitrary<String> digest = Arbitraries.oneOf(Arbitraries.just(""),
                Combinators.combine(Arbitraries.of("@sha256:", "@a+b.c:", "@A1_b-c:", "@1a:", "@:", "@a:"),
                        Arbitraries.strings().withChars("0123456789abcdefABCDEFg").ofMinLength(30).ofMaxLength(34))
                        .as(String::concat));
        return Combinators.combine(text, digest).as(String::concat);
    }

    @Property(tries = 1000)
    void handWrittenMatcherAgreesWithTheReferenceRegex(@ForAll("referenceLike") String s) {
        Matcher m = REFERENCE.matcher(s);
        String[] got = ImageReference.matchReference(s);
        if (m.matches()) {
            assertThat(got).as(s).containsExactly(m.group(1), m.group(2), m.group(3));
        } else {
            assertThat(got).as(s).isNull();
        }
    }
}
