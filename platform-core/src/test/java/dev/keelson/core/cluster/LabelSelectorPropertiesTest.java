package dev.keelson.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Selector text round-trips through its canonical form, whatever the spacing and spelling it was written with. */
@PropertyDefaults(tries = 300, edgeCases = EdgeCasesMode.MIXIN)
class LabelSelectorPropertiesTest {

  private static final List<String> KEYS = List.of("env", "region", "tier", "keelson.dev/tenant", "a", "canary");
  private static final List<String> VALUES = List.of("prod", "eu", "us", "gold", "1", "a.b", "x_y", "v-2");

  /** One requirement, rendered two ways: canonically and with the spelling and spacing a person might use. */
  record Written(String canonical, String loose) {
  }

  @Provide
  Arbitrary<Written> requirements() {
    Arbitrary<String> key = Arbitraries.of(KEYS);
    Arbitrary<String> value = Arbitraries.of(VALUES);
    Arbitrary<String> space = Arbitraries.of("", " ", "  ", "\t");
    Arbitrary<List<String>> set = value.set().ofMinSize(1).ofMaxSize(3).map(s -> new ArrayList<>(s));
    return Combinators.combine(key, value, set, Arbitraries.integers().between(0, 6), space, space)
        .as((k, v, vs, op, s1, s2) -> switch (op) {
          case 0 -> new Written(k, s1 + k + s2);
          case 1 -> new Written("!" + k, s1 + "!" + s2 + k);
          case 2 -> new Written(k + "=" + v, k + s1 + "=" + s2 + v);
          case 3 -> new Written(k + "=" + v, k + s1 + "==" + s2 + v);
          case 4 -> new Written(k + "!=" + v, k + s1 + "!=" + s2 + v);
          case 5 -> new Written(k + " in (" + String.join(",", vs.stream().sorted().toList()) + ")",
              k + " in" + s1 + "(" + String.join("," + s2, vs) + ")");
          default -> new Written(k + " notin (" + String.join(",", vs.stream().sorted().toList()) + ")",
              k + " notin " + s1 + "(" + s2 + String.join(",", vs) + s2 + ")");
        });
  }

  @Provide
  Arbitrary<Map<String, String>> labels() {
    return Arbitraries.maps(Arbitraries.of(KEYS), Arbitraries.of(VALUES)).ofMaxSize(KEYS.size());
  }

  @Property
  void looseTextParsesToTheSameSelectorAsItsCanonicalText(
      @ForAll @Size(max = 5) List<@From("requirements") Written> written) {
    String loose = String.join(",", written.stream().map(Written::loose).toList());
    String canonical = String.join(",", written.stream().map(Written::canonical).toList());

    LabelSelector parsed = LabelSelector.parse(loose);

    assertThat(parsed).isEqualTo(LabelSelector.parse(canonical));
    assertThat(LabelSelector.parse(parsed.toString())).isEqualTo(parsed).hasToString(parsed.toString());
  }

  @Property
  void theCanonicalFormSelectsExactlyWhatTheWrittenFormSelects(
      @ForAll @Size(max = 5) List<@From("requirements") Written> written,
      @ForAll("labels") Map<String, String> labels) {
    LabelSelector parsed = LabelSelector.parse(String.join(",", written.stream().map(Written::loose).toList()));

    assertThat(LabelSelector.parse(parsed.toString()).matches(labels)).isEqualTo(parsed.matches(labels));
  }

  @Property
  void aSelectorMatchesWhenEachOfItsRequirementsDoes(
      @ForAll @Size(max = 5) List<@From("requirements") Written> written,
      @ForAll("labels") Map<String, String> labels) {
    boolean each = written.stream().allMatch(w -> LabelSelector.parse(w.loose()).matches(labels));

    assertThat(LabelSelector.parse(String.join(",", written.stream().map(Written::loose).toList())).matches(labels))
        .isEqualTo(each);
  }

  @Property
  void theEqualitySelectorOfALabelSetMatchesItAndExcludingAKeyDoesNot(@ForAll("labels") Map<String, String> labels) {
    Map<String, String> sorted = new TreeMap<>(labels);
    String equalities = String.join(",", sorted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());

    assertThat(LabelSelector.parse(equalities).matches(labels)).isTrue();
    for (String key : sorted.keySet()) {
      assertThat(LabelSelector.parse(equalities + ",!" + key).matches(labels)).isFalse();
    }
  }

  @Property
  void cuttingASetShortIsAnErrorAtTheEndOfInput(@ForAll("requirements") Written requirement) {
    String text = requirement.canonical();
    int open = text.indexOf('(');
    if (open < 0) {
      return;
    }
    String cut = text.substring(0, text.length() - 1);

    assertThatThrownBy(() -> LabelSelector.parse(cut))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("at column " + (cut.length() + 1) + ": expected ',' or ')' but found end of input");
  }
}
