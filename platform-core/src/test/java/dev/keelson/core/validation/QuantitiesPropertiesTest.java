package dev.keelson.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.validation.Quantities.Format;
import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

/** Kept quick: a few hundred tries per property. */
@PropertyDefaults(tries = 300)
class QuantitiesPropertiesTest {

    private static final BigDecimal MAX_BINARY = BigDecimal.valueOf(Long.MAX_VALUE);

    /** Quantity strings built from the grammar: sign, digits with an optional fraction, a suffix. */
    @Provide
    Arbitrary<String> quantities() {
        Arbitrary<String> sign = Arbitraries.of("", "", "-", "+");
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> fraction = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(9).map(f -> "." + f));
        Arbitrary<String> exponent = Combinators.combine(Arbitraries.of("e", "E"), Arbitraries.of("", "+", "-"),
                Arbitraries.integers().between(0, 30)).as((e, s, n) -> e + s + n);
        Arbitrary<String> suffix = Arbitraries.oneOf(
                Arbitraries.of("", "n", "u", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"),
                exponent);
        return Combinators.combine(sign, digits, fraction, suffix).as((s, d, f, x) -> s + d + f + x);
    }

    /** Values Kubernetes can hold exactly: whole nano units. */
    @Provide
    Arbitrary<BigDecimal> nanoValues() {
        Arbitrary<BigInteger> unscaled = Arbitraries.oneOf(
                Arbitraries.longs().map(BigInteger::valueOf),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)),
                Arbitraries.integers().between(-5000, 5000).map(BigInteger::valueOf));
        return Combinators.combine(unscaled, Arbitraries.integers().between(-25, 9))
                .as((u, scale) -> new BigDecimal(u, scale));
    }

    /** Values a binary quantity can hold: whole nano units no larger than 2^63-1 in magnitude. */
    @Provide
    Arbitrary<BigDecimal> binaryValues() {
        Arbitrary<BigDecimal> powers = Combinators.combine(Arbitraries.longs().between(-8191, 8191),
                Arbitraries.integers().between(0, 50)).as((m, e) -> new BigDecimal(BigInteger.valueOf(m).shiftLeft(e)));
        return Arbitraries.oneOf(nanoValues(), powers).filter(v -> v.abs().compareTo(MAX_BINARY) <= 0);
    }

    @Property
    void generatedQuantitiesAreValid(@ForAll("quantities") String quantity) {
        assertThat(Quantities.validate(quantity)).isEmpty();
        assertThat(Quantities.parse(quantity)).isNotNull();
    }

    @Property
    void canonicalFormsAreStableAndKeepTheValue(@ForAll("quantities") String quantity) {
        String canonical = Quantities.canonical(quantity);
        assertThat(Quantities.parse(canonical)).isEqualByComparingTo(Quantities.parse(quantity));
        assertThat(Quantities.canonical(canonical)).isEqualTo(canonical);
        assertThat(canonical).doesNotContain(".").doesNotStartWith("+");
    }

    @Property
    void parsedValuesAreWholeNanoUnits(@ForAll("quantities") String quantity) {
        BigDecimal value = Quantities.parse(quantity);
        assertThat(value.stripTrailingZeros().scale()).isLessThanOrEqualTo(9);
    }

    @Property
    void decimalSiRoundTrips(@ForAll("nanoValues") BigDecimal value) {
        String text = Quantities.format(value, Format.DECIMAL_SI);
        assertThat(Quantities.parse(text)).isEqualByComparingTo(value);
    }

    @Property
    void decimalExponentRoundTrips(@ForAll("nanoValues") BigDecimal value) {
        String text = Quantities.format(value, Format.DECIMAL_EXPONENT);
        assertThat(Quantities.parse(text)).isEqualByComparingTo(value);
        if (value.signum() != 0) {
            assertThat(Quantities.formatOf(text)).isIn(Format.DECIMAL_EXPONENT, Format.DECIMAL_SI);
        }
    }

    @Property
    void binarySiRoundTrips(@ForAll("binaryValues") BigDecimal value) {
        String text = Quantities.format(value, Format.BINARY_SI);
        assertThat(Quantities.parse(text)).isEqualByComparingTo(value);
        boolean binaryForm = value.abs().compareTo(BigDecimal.valueOf(1024)) >= 0
                && value.stripTrailingZeros().scale() <= 0;
        if (binaryForm && value.toBigIntegerExact().mod(BigInteger.valueOf(1024)).signum() == 0) {
            assertThat(text).endsWith("i");
            assertThat(Quantities.formatOf(text)).isEqualTo(Format.BINARY_SI);
        }
    }

    @Property
    void formatIsCanonical(@ForAll("nanoValues") BigDecimal value) {
        for (Format format : Format.values()) {
            if (format == Format.BINARY_SI && value.abs().compareTo(MAX_BINARY) > 0) {
                continue; // parsing a binary quantity caps it at 2^63-1
            }
            String text = Quantities.format(value, format);
            assertThat(Quantities.parse(text)).isEqualByComparingTo(value);
            if (format != Format.BINARY_SI || text.endsWith("i")) {
                assertThat(Quantities.canonical(text)).as("%s in %s", value, format).isEqualTo(text);
            }
            // A binary value shown without a suffix ("10000") reads back as decimal SI ("10k"), as in Kubernetes.
        }
    }

    @Property
    void compareAgreesWithTheValues(@ForAll("quantities") String a, @ForAll("quantities") String b) {
        int expected = Quantities.parse(a).compareTo(Quantities.parse(b));
        assertThat(Integer.signum(Quantities.compare(a, b))).isEqualTo(Integer.signum(expected));
        assertThat(Integer.signum(Quantities.compare(b, a))).isEqualTo(-Integer.signum(expected));
        assertThat(Quantities.compare(a, Quantities.canonical(a))).isZero();
    }

    @Property
    void compareOrdersRenderedValues(@ForAll("nanoValues") BigDecimal x, @ForAll("nanoValues") BigDecimal y) {
        String a = Quantities.format(x, Format.DECIMAL_SI);
        String b = Quantities.format(y, Format.DECIMAL_EXPONENT);
        assertThat(Integer.signum(Quantities.compare(a, b))).isEqualTo(x.compareTo(y));
    }

    @Property
    void mangledQuantitiesAreRejected(@ForAll("quantities") String quantity,
            @ForAll("junk") String junk) {
        assertThat(Quantities.isValid(quantity + junk)).isFalse();
        assertThat(Quantities.isValid(junk + quantity)).isFalse();
    }

    @Provide
    Arbitrary<String> junk() {
        // Not "i": "1E" + "i" is the valid "1Ei".
        return Arbitraries.of(" ", "x", "B", "/", "Kix", "#", "\t", ",5", "..", "a");
    }

    @Property
    void arbitraryStringsNeverThrowFromValidate(@ForAll String any) {
        boolean valid = Quantities.validate(any).isEmpty();
        assertThat(Quantities.isValid(any)).isEqualTo(valid);
        if (valid) {
            assertThat(any).matches("[+-]?[0-9.]*[eEinumkKMGTP]*[-+]?[0-9]*");
        }
    }
}
