package dev.keelson.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelSelectorTest {

  private static final Map<String, String> PROD_EU = Map.of("env", "prod", "region", "eu");
  private static final Map<String, String> PROD_EU_CANARY = Map.of("env", "prod", "region", "eu", "canary", "true");
  private static final Map<String, String> STAGING_US = Map.of("env", "staging", "region", "us");

  @Test
  void everyRequirementMustHold() {
    LabelSelector selector = LabelSelector.parse("env=prod,region in (eu,us),!canary");

    assertThat(selector.matches(PROD_EU)).isTrue();
    assertThat(selector.matches(PROD_EU_CANARY)).isFalse();
    assertThat(selector.matches(STAGING_US)).isFalse();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      env=prod               | true  | false | false
      env==prod              | true  | false | false
      env!=prod              | false | true  | true
      region in (eu, ap)     | true  | false | false
      region notin (eu)      | false | true  | true
      canary                 | false | false | false
      !canary                | true  | true  | true
      env                    | true  | true  | false
      ""                     | true  | true  | true
      """)
  void operatorsFollowKubernetesSemantics(String text, boolean prodEu, boolean stagingUs, boolean unlabelled) {
    LabelSelector selector = LabelSelector.parse(text);

    assertThat(selector.matches(PROD_EU)).isEqualTo(prodEu);
    assertThat(selector.matches(STAGING_US)).isEqualTo(stagingUs);
    assertThat(selector.matches(Map.of())).isEqualTo(unlabelled);
  }

  @Test
  void anEmptyValueMatchesAnEmptyLabel() {
    assertThat(LabelSelector.parse("tier=").matches(Map.of("tier", ""))).isTrue();
    assertThat(LabelSelector.parse("tier=").matches(Map.of("tier", "gold"))).isFalse();
  }

  @Test
  void theCanonicalTextSortsRequirementsAndValues() {
    LabelSelector selector = LabelSelector.parse(" region in (us,eu) , env==prod,!canary");

    assertThat(selector).hasToString("!canary,env=prod,region in (eu,us)");
    assertThat(selector).isEqualTo(LabelSelector.parse("!canary,env=prod,region in (eu,us)"));
    assertThat(LabelSelector.parse("   ").isEverything()).isTrue();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      env in (eu | at column 11: expected ',' or ')' but found end of input
      env in eu | at column 8: expected '(' to start the list of values but found 'eu'
      env in () | at column 9: expected a label value (a set needs at least one) but found ')'
      env=prod,,region=eu | at column 10: expected a label key or '!' but found ','
      env=prod, | at column 10: expected a label key or '!' but found end of input
      env=prod region=eu | at column 10: expected ',' or end of input but found 'region'
      ! | at column 2: expected a label key after '!' but found end of input
      env=(prod) | at column 5: expected a label value but found '('
      """)
  void malformedSelectorsNameTheColumnAndWhatWasExpected(String text, String message) {
    assertThatThrownBy(() -> LabelSelector.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid label selector \"" + text + "\": " + message);
  }

  @Test
  void aKeyMustBeFollowedByAnOperatorOrTheEndOfTheRequirement() {
    String expected = "expected one of '=', '==', '!=', 'in', 'notin', ',' or end of input";
    assertThatThrownBy(() -> LabelSelector.parse("env prod"))
        .hasMessage("invalid label selector \"env prod\": at column 5: " + expected + " but found 'prod'");
    assertThatThrownBy(() -> LabelSelector.parse("replicas>3"))
        .hasMessage("invalid label selector \"replicas>3\": at column 9: " + expected + " but found '>'");
  }

  @Test
  void keysAndValuesMustBeLabelSyntax() {
    assertThatThrownBy(() -> LabelSelector.parse("env=prod,-bad=x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid label selector \"env=prod,-bad=x\": at column 10: invalid label key '-bad': "
            + "name part must consist of alphanumeric characters");
    assertThatThrownBy(() -> LabelSelector.parse("region in (eu,_us)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid label selector \"region in (eu,_us)\": at column 15: invalid label value "
            + "'_us': a valid label must be an empty string");
  }

  @Test
  void nullIsRejectedWithAHint() {
    assertThatThrownBy(() -> LabelSelector.parse(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use \"\" to select everything");
  }
}
