package dev.keelson.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Kept quick: a few hundred tries per property. */
@PropertyDefaults(tries = 300)
class NamesPropertiesTest {

    private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String ALNUM = LOWER_ALNUM + "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    static Arbitrary<String> dnsLabels(int maxLength) {
        Arbitrary<Character> edge = Arbitraries.chars().with(LOWER_ALNUM.toCharArray());
        Arbitrary<String> middle = Arbitraries.strings().withChars(LOWER_ALNUM + "-").ofMaxLength(maxLength - 2);
        Arbitrary<String> longer = Combinators.combine(edge, middle, edge).as((a, m, b) -> a + m + b);
        return Arbitraries.oneOf(edge.map(String::valueOf), longer);
    }

    static Arbitrary<String> dnsSubdomains() {
        return dnsLabels(20).list().ofMinSize(1).ofMaxSize(8).map(labels -> String.join(".", labels));
    }

    static Arbitrary<String> qualifiedNameParts() {
        Arbitrary<Character> edge = Arbitraries.chars().with(ALNUM.toCharArray());
        Arbitrary<String> middle = Arbitraries.strings().withChars(ALNUM + "-_.").ofMaxLength(61);
        Arbitrary<String> longer = Combinators.combine(edge, middle, edge).as((a, m, b) -> a + m + b);
        return Arbitraries.oneOf(edge.map(String::valueOf), longer);
    }

    @Provide
    Arbitrary<String> labels() {
        return dnsLabels(63);
    }

    @Provide
    Arbitrary<String> subdomains() {
        return dnsSubdomains();
    }

    @Provide
    Arbitrary<String> qualifiedNames() {
        Arbitrary<String> prefixed = Combinators.combine(dnsSubdomains(), qualifiedNameParts())
                .as((prefix, name) -> prefix + "/" + name);
        return Arbitraries.oneOf(qualifiedNameParts(), prefixed);
    }

    @Provide
    Arbitrary<String> portNames() {
        Arbitrary<String> chunk = Arbitraries.strings().withChars(LOWER_ALNUM).ofMinLength(1).ofMaxLength(4);
        return chunk.list().ofMinSize(1).ofMaxSize(3).map(chunks -> String.join("-", chunks))
                .filter(s -> s.length() <= 15 && s.chars().anyMatch(Character::isLetter));
    }

    /** A valid label with one character replaced by something no label may contain. */
    @Provide
    Arbitrary<String> labelsWithAnIllegalCharacter() {
        Arbitrary<Character> illegal = Arbitraries.chars().with("ABCXYZ_!@#$%^&*() /\\:;,~é\t".toCharArray());
        return Combinators.combine(dnsLabels(63), illegal, Arbitraries.integers().between(0, 62))
                .as((label, c, i) -> {
                    int at = Math.min(i, label.length() - 1);
                    return label.substring(0, at) + c + label.substring(at + 1);
                });
    }

    @Property
    void generatedLabelsAreValid(@ForAll("labels") String label) {
        assertThat(Names.dns1123Label(label)).isEmpty();
        assertThat(Names.dns1123Subdomain(label)).isEmpty();
        assertThat(Names.qualifiedName(label)).isEmpty();
        assertThat(Names.labelValue(label)).isEmpty();
    }

    @Property
    void generatedSubdomainsAreValid(@ForAll("subdomains") String subdomain) {
        assertThat(Names.dns1123Subdomain(subdomain)).isEmpty();
    }

    @Property
    void subdomainsWithADotAreNotLabels(@ForAll("subdomains") String subdomain) {
        if (subdomain.contains(".")) {
            assertThat(Names.dns1123Label(subdomain)).contains("must not contain dots");
        }
    }

    @Property
    void generatedQualifiedNamesAreValid(@ForAll("qualifiedNames") String key) {
        assertThat(Names.qualifiedName(key)).isEmpty();
    }

    @Property
    void generatedPortNamesAreValid(@ForAll("portNames") String name) {
        assertThat(Names.ianaServiceName(name)).isEmpty();
    }

    @Property
    void illegalCharactersAreRejected(@ForAll("labelsWithAnIllegalCharacter") String value) {
        assertThat(Names.dns1123Label(value)).isNotEmpty();
        assertThat(Names.dns1123Subdomain(value)).isNotEmpty();
        assertThat(Names.ianaServiceName(value)).isNotEmpty();
    }

    @Property
    void tooLongLabelsAreRejected(@ForAll("labels") String label, @ForAll @IntRange(min = 1, max = 40) int extra) {
        String tooLong = label + "a".repeat(Math.max(extra, 64 - label.length()));
        assertThat(Names.dns1123Label(tooLong)).contains("must be no more than 63 characters");
        assertThat(Names.labelValue(tooLong)).contains("must be no more than 63 characters");
        assertThat(Names.qualifiedName(tooLong)).contains("name part must be no more than 63 characters");
    }

    @Property
    void tooLongSubdomainsAreRejected(@ForAll("subdomains") String subdomain) {
        StringBuilder sb = new StringBuilder(subdomain);
        while (sb.length() <= 253) {
            sb.append('.').append(subdomain);
        }
        assertThat(Names.dns1123Subdomain(sb.toString())).containsExactly("must be no more than 253 characters");
    }

    @Property
    void anyStringGetsAVerdictWithoutFailing(@ForAll String any) {
        // Validators never throw, and their verdicts agree with the simple character rules.
        boolean labelOk = Names.dns1123Label(any).isEmpty();
        if (labelOk) {
            assertThat(any).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?").hasSizeLessThanOrEqualTo(63);
        }
        Names.dns1123Subdomain(any);
        Names.qualifiedName(any);
        Names.labelValue(any);
        Names.ianaServiceName(any);
        Names.envVarName(any);
    }

    @Property
    void portNumbersOutsideTheRangeAreRejected(@ForAll int port) {
        assertThat(Names.portNumber(port).isEmpty()).isEqualTo(port >= 1 && port <= 65535);
    }

    private static final Pattern LABEL = Pattern.compile(Names.DNS1123_LABEL_FMT);
    private static final Pattern SUBDOMAIN = Pattern.compile(Names.DNS1123_SUBDOMAIN_FMT);
    private static final Pattern QUALIFIED_NAME = Pattern.compile(Names.QUALIFIED_NAME_FMT);
    private static final Pattern LABEL_VALUE = Pattern.compile(Names.LABEL_VALUE_FMT);
    private static final Pattern ENV_VAR_NAME = Pattern.compile(Names.ENV_VAR_NAME_FMT);

    @Provide
    Arbitrary<String> nameLike() {
        return Arbitraries.strings().withChars("az09AZ-._/ ").ofMaxLength(12);
    }

    @Property(tries = 1000)
    void handWrittenMatchersAgreeWithTheUpstreamRegexes(@ForAll("nameLike") String s) {
        assertThat(Names.dns1123Label(s).isEmpty()).isEqualTo(LABEL.matcher(s).matches());
        assertThat(Names.dns1123Subdomain(s).isEmpty()).isEqualTo(SUBDOMAIN.matcher(s).matches());
        assertThat(Names.qualifiedName(s).isEmpty())
                .isEqualTo(s.split("/", -1).length == 1 && QUALIFIED_NAME.matcher(s).matches()
                        || s.split("/", -1).length == 2 && !s.startsWith("/")
                        && SUBDOMAIN.matcher(s.substring(0, s.indexOf('/'))).matches()
                        && QUALIFIED_NAME.matcher(s.substring(s.indexOf('/') + 1)).matches());
        assertThat(Names.labelValue(s).isEmpty()).isEqualTo(LABEL_VALUE.matcher(s).matches());
        boolean chdir = s.equals(".") || s.startsWith("..");
        assertThat(Names.envVarName(s).isEmpty()).isEqualTo(ENV_VAR_NAME.matcher(s).matches() && !chdir);
    }
}
