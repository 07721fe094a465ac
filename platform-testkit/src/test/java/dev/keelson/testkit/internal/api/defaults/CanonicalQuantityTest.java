package dev.keelson.testkit.internal.api.defaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.validation.Quantities;
import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

/** The text the simulated API server stores for a quantity, against apimachinery's rules. */
@PropertyDefaults(tries = 300)
class CanonicalQuantityTest {

  @Example
  void storesWhatARealApiServerReturns() {
    assertThat(CanonicalQuantity.of("0.5", true)).isEqualTo("500m");
    assertThat(CanonicalQuantity.of("1024Mi", true)).isEqualTo("1Gi");
    assertThat(CanonicalQuantity.of("2000", true)).isEqualTo("2k");
    assertThat(CanonicalQuantity.of("1.5Gi", true)).isEqualTo("1536Mi");
    assertThat(CanonicalQuantity.of("2", true)).isEqualTo("2");
    assertThat(CanonicalQuantity.of("100Mi", true)).isEqualTo("100Mi");
    assertThat(CanonicalQuantity.of("250m", true)).isEqualTo("250m");
    assertThat(CanonicalQuantity.of("1e3", true)).isEqualTo("1e3");
  }

  @Example
  void keepsTheTextWhereParseQuantityReusesIt() {
    // ParseQuantity's fast path keeps digits that look canonical, sign and leading zeros included.
    assertThat(CanonicalQuantity.of("+1", false)).isEqualTo("+1");
    assertThat(CanonicalQuantity.of("01", false)).isEqualTo("01");
    assertThat(CanonicalQuantity.of("1.500", false)).isEqualTo("1.500");
    assertThat(CanonicalQuantity.of("0.500", false)).isEqualTo("500m");
    assertThat(CanonicalQuantity.of("1000", false)).isEqualTo("1k");
    assertThat(CanonicalQuantity.of("8Ki", false)).isEqualTo("8Ki");
  }

  @Example
  void roundsResourceListsUpToMilliUnits() {
    assertThat(CanonicalQuantity.of("100u", true)).isEqualTo("1m");
    assertThat(CanonicalQuantity.of("100u", false)).isEqualTo("100u");
    assertThat(CanonicalQuantity.of("1.0001", true)).isEqualTo("1001m");
  }

  @Example
  void rejectsWhatIsNotAQuantityWithApimachinerysMessage() {
    assertThatThrownBy(() -> CanonicalQuantity.of("abc", true)).hasMessage(
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  }

  @Provide
  Arbitrary<String> quantities() {
    Arbitrary<String> sign = Arbitraries.of("", "", "", "-", "+");
    Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(12);
    Arbitrary<String> fraction = Arbitraries.oneOf(Arbitraries.just(""),
        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(9).map(f -> "." + f));
    Arbitrary<String> suffix = Arbitraries.of("", "n", "u", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi",
        "Ti", "Pi", "Ei", "e3", "e-3", "E6", "e+9");
    return Combinators.combine(sign, digits, fraction, suffix).as((s, d, f, x) -> s + d + f + x);
  }

  @Property
  void theStoredTextKeepsTheValue(@ForAll("quantities") String quantity) {
    assertThat(Quantities.parse(CanonicalQuantity.of(quantity, false)))
        .isEqualByComparingTo(Quantities.parse(quantity));
  }

  @Property
  void decodingTheStoredTextAgainChangesNothing(@ForAll("quantities") String quantity) {
    for (boolean milli : new boolean[] {false, true}) {
      String stored = CanonicalQuantity.of(quantity, milli);
      assertThat(CanonicalQuantity.of(stored, milli)).as("%s (milli: %s)", quantity, milli).isEqualTo(stored);
    }
  }

  @Property
  void resourceListsRoundUpByLessThanOneMilliUnit(@ForAll("quantities") String quantity) {
    BigDecimal value = Quantities.parse(quantity);
    BigDecimal stored = Quantities.parse(CanonicalQuantity.of(quantity, true));
    assertThat(stored.stripTrailingZeros().scale()).isLessThanOrEqualTo(3);
    assertThat(stored.subtract(value).abs()).isLessThan(new BigDecimal("0.001"));
    assertThat(stored.abs()).isGreaterThanOrEqualTo(value.abs());
  }

  @Property
  void textNotKeptAsSentIsTheCanonicalForm(@ForAll("quantities") String quantity) {
    String stored = CanonicalQuantity.of(quantity, false);
    if (!stored.equals(quantity)) {
      assertThat(stored).isEqualTo(Quantities.canonical(quantity));
    }
  }
}
