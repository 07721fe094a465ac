package dev.keelson.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.validation.Quantities.Format;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {

    static final String FORMAT_MSG =
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    static final String SUFFIX_MSG = "unable to parse quantity's suffix";
    static final String NUMERIC_MSG = "unable to parse numeric part of quantity";

    /** Values and formats from apimachinery's TestQuantityParse. */
    @ParameterizedTest
    @CsvSource({
        "0, 0, DECIMAL_SI",
        "0n, 0, DECIMAL_SI",
        "0Ki, 0, BINARY_SI",
        "0T, 0, DECIMAL_SI",
        "1, 1, DECIMAL_SI",
        "1Ki, 1024, BINARY_SI",
        "7Mi, 7340032, BINARY_SI",
        "6Gi, 6442450944, BINARY_SI",
        "5Ti, 5497558138880, BINARY_SI",
        "4Pi, 4503599627370496, BINARY_SI",
        "3Ei, 3458764513820540928, BINARY_SI",
        "5n, 0.000000005, DECIMAL_SI",
        "4u, 0.000004, DECIMAL_SI",
        "3m, 0.003, DECIMAL_SI",
        "8k, 8000, DECIMAL_SI",
        "50k, 50000, DECIMAL_SI",
        "7M, 7000000, DECIMAL_SI",
        "6G, 6000000000, DECIMAL_SI",
        "2P, 2000000000000000, DECIMAL_SI",
        "1E, 1000000000000000000, DECIMAL_SI",
        "1E-3, 0.001, DECIMAL_EXPONENT",
        "1e3, 1000, DECIMAL_EXPONENT",
        "1E18, 1000000000000000000, DECIMAL_EXPONENT",
        "100.035k, 100035, DECIMAL_SI",
        "0.0005k, 0.5, DECIMAL_SI",
        "0.5e-2, 0.005, DECIMAL_EXPONENT",
        "1.3E+6, 1300000, DECIMAL_EXPONENT",
        "6.987654321G, 6987654321, DECIMAL_SI",
        "1.01E, 1010000000000000000, DECIMAL_SI",
        // things that saturate or round
        "3.001n, 0.000000004, DECIMAL_SI",
        "1.1E-9, 0.000000002, DECIMAL_EXPONENT",
        "0.0000000001, 0.000000001, DECIMAL_SI",
        "0.00000012345, 0.000000124, DECIMAL_SI",
        "9Ei, 9223372036854775807, BINARY_SI",
        "9223372036854775807Ki, 9223372036854775807, BINARY_SI",
        "12E, 12000000000000000000, DECIMAL_SI",
        // fractional binary values
        "100.035Ki, 102435.84, BINARY_SI",
        "0.5Mi, 524288, BINARY_SI",
        "0.025Ti, 27487790694.4, BINARY_SI",
        // "things written by trolls"
        "0.000000000001Ki, 0.000000002, DECIMAL_SI",
        ".001, 0.001, DECIMAL_SI",
        ".0001k, 0.1, DECIMAL_SI",
        "1., 1, DECIMAL_SI",
        "1.G, 1000000000, DECIMAL_SI",
        "+1, 1, DECIMAL_SI",
        "-250m, -0.25, DECIMAL_SI",
        "-9Ei, -9223372036854775807, BINARY_SI",
    })
    void parsesLikeKubernetes(String input, String expected, Format format) {
        assertThat(Quantities.validate(input)).isEmpty();
        assertThat(Quantities.isValid(input)).isTrue();
        assertThat(Quantities.parse(input)).isEqualByComparingTo(new BigDecimal(expected));
        assertThat(Quantities.formatOf(input)).isEqualTo(format);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "aoeu", "1.1.M", "1+1.0M", " 1", "1 ", "1,000", "1_000", "12 Mi", "1e1.5", "0.1am",
        "1KI", "1Mb", "1GB", "1e3k", "2gi"})
    void rejectsMalformedQuantities(String input) {
        assertThat(Quantities.validate(input)).containsExactly(FORMAT_MSG);
        assertThat(Quantities.isValid(input)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.1mi", ".5i", "1i", "-3.01i", "-3.01e-", "1ki", "1e", "1e+", "1e4294967297",
        "1E2147483648", "1mm", "Gi1", "1Kii", "--1", "1-"})
    void rejectsUnknownSuffixes(String input) {
        assertThat(Quantities.validate(input)).containsExactly(SUFFIX_MSG);
    }

    @Test
    void rejectsANullQuantity() {
        assertThat(Quantities.validate(null)).containsExactly(FORMAT_MSG);
    }

    @Test
    void acceptsTheDigitlessFormsUpstreamAccepts() {
        // parseQuantityString turns a missing number into "0"; only the inf.Dec slow path rejects it.
        for (String zero : new String[] {"-", "+", ".", "-.", "e3", "Ki", "Ti", "000", "-0"}) {
            assertThat(Quantities.parse(zero)).as(zero).isEqualByComparingTo(BigDecimal.ZERO);
        }
        for (String numeric : new String[] {"Pi", "Ei", "-Pi", ".e-10", "e-10"}) {
            assertThat(Quantities.validate(numeric)).as(numeric).containsExactly(NUMERIC_MSG);
        }
    }

    @Test
    void parseNamesTheValueWhenInvalid() {
        assertThatThrownBy(() -> Quantities.parse("1.5 Gi"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid quantity \"1.5 Gi\": " + FORMAT_MSG);
        assertThatThrownBy(() -> Quantities.parse("2Gb"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid quantity \"2Gb\": " + FORMAT_MSG);
        assertThatThrownBy(() -> Quantities.parse("2ki"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid quantity \"2ki\": " + SUFFIX_MSG);
    }

    @Test
    void formatsLikeQuantityString() {
        assertThat(Quantities.format(new BigDecimal("0.25"), Format.DECIMAL_SI)).isEqualTo("250m");
        assertThat(Quantities.format(new BigDecimal("1073741824"), Format.BINARY_SI)).isEqualTo("1Gi");
        assertThat(Quantities.format(new BigDecimal("1500"), Format.DECIMAL_SI)).isEqualTo("1500");
        assertThat(Quantities.format(new BigDecimal("2000"), Format.DECIMAL_SI)).isEqualTo("2k");
    }

    /** Cases from apimachinery's TestQuantityString, as value / format / expected. */
    @ParameterizedTest
    @CsvSource({
        "1073741824, BINARY_SI, 1Gi",
        "314572800, BINARY_SI, 300Mi",
        "6144, BINARY_SI, 6Ki",
        "1074815565824, BINARY_SI, 1001Gi",
        "1099511627776, BINARY_SI, 1Ti",
        "5, BINARY_SI, 5",
        "0.5, BINARY_SI, 500m",
        "1025, BINARY_SI, 1025",
        "2000, BINARY_SI, 2000",
        "1536, BINARY_SI, 1536",
        "1234.567, BINARY_SI, 1234567m",
        "1000000000, DECIMAL_SI, 1G",
        "0.001, DECIMAL_SI, 1m",
        "0.08, DECIMAL_SI, 80m",
        "1.08, DECIMAL_SI, 1080m",
        "300000000, DECIMAL_SI, 300M",
        "1000000000000, DECIMAL_SI, 1T",
        "1000000000000000000, DECIMAL_SI, 1E",
        "1234567000000, DECIMAL_SI, 1234567M",
        "3000, DECIMAL_SI, 3k",
        "0, DECIMAL_SI, 0",
        "0, BINARY_SI, 0",
        "0, DECIMAL_EXPONENT, 0",
        "1000000000, DECIMAL_EXPONENT, 1e9",
        "0.001, DECIMAL_EXPONENT, 1e-3",
        "0.000000001, DECIMAL_EXPONENT, 1e-9",
        "0.08, DECIMAL_EXPONENT, 80e-3",
        "300000000, DECIMAL_EXPONENT, 300e6",
        "3000, DECIMAL_EXPONENT, 3e3",
        "0.000000001, DECIMAL_SI, 1n",
        "0.00000108, DECIMAL_SI, 1080n",
        "0.000001, DECIMAL_SI, 1u",
        "0.00108, DECIMAL_SI, 1080u",
        // past E there is no decimal suffix: exponent notation instead of losing the magnitude
        "1E21, DECIMAL_SI, 1e21",
        "5E21, DECIMAL_SI, 5e21",
        // past Ei there is no binary suffix: exact decimal instead
        "1E70, BINARY_SI, 10e69",
        "1180591620717411303424, BINARY_SI, 1180591620717411303424",
        // below n
        "1E-12, DECIMAL_SI, 1e-12",
        "1E-10, DECIMAL_SI, 100e-12",
    })
    void formatsUpstreamCases(String value, Format format, String expected) {
        BigDecimal v = new BigDecimal(value);
        assertThat(Quantities.format(v, format)).isEqualTo(expected);
        if (v.signum() != 0) {
            assertThat(Quantities.format(v.negate(), format)).isEqualTo("-" + expected);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "1Ki, 1Ki",
        "1024Mi, 1Gi",
        "1000M, 1G",
        ".001Ki, 1024m",
        ".000001Ki, 1024u",
        ".000000001Ki, 1024n",
        ".000000000001Ki, 2n",
        "1.5Gi, 1536Mi",
        "1.5, 1500m",
        "1.500, 1500m",
        "0.1, 100m",
        "+1, 1",
        "1E3, 1e3",
        "1000E, 1e21",
        "1.5e3, 1500",
        "-0.5Ki, -512",
        "9Ei, 9223372036854775807",
        "0Gi, 0",
    })
    void canonicalizesInTheValuesOwnFormat(String input, String expected) {
        assertThat(Quantities.canonical(input)).isEqualTo(expected);
    }

    @Test
    void comparesNumerically() {
        assertThat(Quantities.compare("0", "0")).isZero();
        assertThat(Quantities.compare("100m", "50m")).isPositive();
        assertThat(Quantities.compare("50m", "100m")).isNegative();
        assertThat(Quantities.compare("10000T", "100Gi")).isPositive();
        assertThat(Quantities.compare("1Gi", "1073741824")).isZero();
        assertThat(Quantities.compare("1G", "1Gi")).isNegative();
        assertThat(Quantities.compare("1e3", "1k")).isZero();
        assertThat(Quantities.compare("-1", "1m")).isNegative();
        assertThatThrownBy(() -> Quantities.compare("1", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"x\"");
    }

    @Test
    void parseReturnsPlainScales() {
        assertThat(Quantities.parse("1Gi")).isEqualTo(new BigDecimal("1073741824"));
        assertThat(Quantities.parse("250m")).isEqualTo(new BigDecimal("0.25"));
        assertThat(Quantities.parse("2k")).isEqualTo(new BigDecimal("2000"));
    }

    @Test
    void survivesExtremeExponents() {
        assertThat(Quantities.parse("1e2147483647")).isEqualByComparingTo(BigDecimal.ONE.scaleByPowerOfTen(2147483647));
        assertThat(Quantities.canonical("1e2147483647")).isEqualTo("10e2147483646");
        assertThat(Quantities.parse("1.5e-2147483647")).isEqualByComparingTo("0.000000001");
        assertThat(Quantities.parse("-1e-2147483647")).isEqualByComparingTo("-0.000000001");
        assertThat(Quantities.format(new BigDecimal(BigInteger.TWO.pow(70)), Format.BINARY_SI))
                .isEqualTo("1180591620717411303424");
    }
}
