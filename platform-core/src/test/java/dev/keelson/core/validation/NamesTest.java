package dev.keelson.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    static final String LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters "
            + "or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', "
            + "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    static final String SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
            + "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', "
            + "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    static final String NAME_PART_MSG = "name part must consist of alphanumeric characters, '-', '_' or '.', and "
            + "must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', "
            + "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    static final String LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric "
            + "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  "
            + "or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    static final String ENV_MSG = "a valid environment variable name must consist of alphabetic characters, digits, "
            + "'_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or "
            + "'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "my-name", "123-abc", "a-b-c", "a--b", "x1"})
    void dns1123LabelAcceptsLabels(String value) {
        assertThat(Names.dns1123Label(value)).isEmpty();
    }

    @Test
    void dns1123LabelAcceptsSixtyThreeCharacters() {
        assertThat(Names.dns1123Label("a".repeat(63))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-a", "a-", "My-Name", "my_name", "my name", "a!", "ä"})
    void dns1123LabelRejectsWithTheRegexMessage(String value) {
        assertThat(Names.dns1123Label(value)).containsExactly(LABEL_MSG);
    }

    @Test
    void dns1123LabelSaysDotsForAValidSubdomain() {
        assertThat(Names.dns1123Label("my.name")).containsExactly("must not contain dots");
    }

    @Test
    void dns1123LabelReportsLengthAndPattern() {
        assertThat(Names.dns1123Label("a".repeat(64))).containsExactly("must be no more than 63 characters");
        assertThat(Names.dns1123Label("A".repeat(64)))
                .containsExactly("must be no more than 63 characters", LABEL_MSG);
        assertThat(Names.dns1123Label("a.".repeat(40) + "a"))
                .containsExactly("must be no more than 63 characters", "must not contain dots");
    }

    @Test
    void dns1123LabelTreatsNullAsEmpty() {
        assertThat(Names.dns1123Label(null)).containsExactly(LABEL_MSG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "a", "a.b.c", "my-app.team-1.svc", "1.2.3.4"})
    void dns1123SubdomainAcceptsSubdomains(String value) {
        assertThat(Names.dns1123Subdomain(value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".a", "a.", "a..b", "A.b", "a_b.c", "-a.b", "a.-b"})
    void dns1123SubdomainRejectsWithTheRegexMessage(String value) {
        assertThat(Names.dns1123Subdomain(value)).containsExactly(SUBDOMAIN_MSG);
    }

    @Test
    void dns1123SubdomainLimitsLength() {
        String label = "a".repeat(63);
        String ok = String.join(".", label, label, label, "a".repeat(61)); // 253
        assertThat(ok).hasSize(253);
        assertThat(Names.dns1123Subdomain(ok)).isEmpty();
        assertThat(Names.dns1123Subdomain(ok + "a")).containsExactly("must be no more than 253 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"app", "App_Name", "my.name", "123-abc", "example.com/MyName",
        "app.kubernetes.io/name", "a/b", "k8s.io/x.y_z-1"})
    void qualifiedNameAcceptsKeys(String value) {
        assertThat(Names.qualifiedName(value)).isEmpty();
    }

    @Test
    void qualifiedNameRejectsABadName() {
        assertThat(Names.qualifiedName("-app")).containsExactly(NAME_PART_MSG);
        assertThat(Names.qualifiedName("example.com/app_")).containsExactly(NAME_PART_MSG);
    }

    @Test
    void qualifiedNameRejectsEmptyParts() {
        assertThat(Names.qualifiedName("")).containsExactly("name part must be non-empty", NAME_PART_MSG);
        assertThat(Names.qualifiedName("example.com/"))
                .containsExactly("name part must be non-empty", NAME_PART_MSG);
        assertThat(Names.qualifiedName("/name")).containsExactly("prefix part must be non-empty");
    }

    @Test
    void qualifiedNameRejectsABadPrefix() {
        assertThat(Names.qualifiedName("Example.com/name")).containsExactly("prefix part " + SUBDOMAIN_MSG);
        assertThat(Names.qualifiedName("a".repeat(254) + "/name"))
                .containsExactly("prefix part must be no more than 253 characters");
    }

    @Test
    void qualifiedNameLimitsTheNamePart() {
        assertThat(Names.qualifiedName("a".repeat(63))).isEmpty();
        assertThat(Names.qualifiedName("example.com/" + "a".repeat(64)))
                .containsExactly("name part must be no more than 63 characters");
    }

    @Test
    void qualifiedNameRejectsTwoSlashes() {
        assertThat(Names.qualifiedName("a/b/c")).containsExactly("a qualified name must consist of alphanumeric "
                + "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. "
                + "'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
                + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' "
                + "(e.g. 'example.com/MyName')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MyValue", "my_value", "12345", "v1.2.3", "a"})
    void labelValueAcceptsValues(String value) {
        assertThat(Names.labelValue(value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-v", "v-", "_v", "v.", "a b", "a/b", "ü"})
    void labelValueRejectsWithTheRegexMessage(String value) {
        assertThat(Names.labelValue(value)).containsExactly(LABEL_VALUE_MSG);
    }

    @Test
    void labelValueLimitsLength() {
        assertThat(Names.labelValue("v".repeat(63))).isEmpty();
        assertThat(Names.labelValue("v".repeat(64))).containsExactly("must be no more than 63 characters");
    }

    @Test
    void labelValueCountsUtf8Bytes() {
        // 32 two-byte characters are 64 bytes, as Go's len counts them.
        assertThat(Names.labelValue("é".repeat(32)))
                .containsExactly("must be no more than 63 characters", LABEL_VALUE_MSG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "http-metrics", "a", "h2c", "grpc-web-8080", "abcdefghijklmno"})
    void ianaServiceNameAcceptsPortNames(String value) {
        assertThat(Names.ianaServiceName(value)).isEmpty();
    }

    @Test
    void ianaServiceNameReportsEachRule() {
        assertThat(Names.ianaServiceName("abcdefghijklmnop")).containsExactly("must be no more than 15 characters");
        assertThat(Names.ianaServiceName("HTTP")).containsExactly(
                "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                "must contain at least one letter (a-z)");
        assertThat(Names.ianaServiceName("8080")).containsExactly("must contain at least one letter (a-z)");
        assertThat(Names.ianaServiceName("a--b")).containsExactly("must not contain consecutive hyphens");
        assertThat(Names.ianaServiceName("-http")).containsExactly("must not begin or end with a hyphen");
        assertThat(Names.ianaServiceName("http-")).containsExactly("must not begin or end with a hyphen");
        assertThat(Names.ianaServiceName("")).containsExactly(
                "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                "must contain at least one letter (a-z)");
        assertThat(Names.ianaServiceName("my_port")).containsExactly(
                "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HOME", "my.env-name", "MY_ENV.NAME", "MyEnvName1", "_", "-x", ".a", "a..b"})
    void envVarNameAcceptsClassicNames(String value) {
        assertThat(Names.envVarName(value)).isEmpty();
    }

    @Test
    void envVarNameRejectsBadNames() {
        assertThat(Names.envVarName("1A")).containsExactly(ENV_MSG);
        assertThat(Names.envVarName("A=B")).containsExactly(ENV_MSG);
        assertThat(Names.envVarName("")).containsExactly(ENV_MSG);
        assertThat(Names.envVarName(".")).containsExactly("must not be '.'");
        assertThat(Names.envVarName("..")).containsExactly("must not be '..'");
        assertThat(Names.envVarName("..a")).containsExactly("must not start with '..'");
    }

    @Test
    void portNumberIsOneToSixtyFiveThousandFiveHundredThirtyFive() {
        assertThat(Names.portNumber(1)).isEmpty();
        assertThat(Names.portNumber(8080)).isEmpty();
        assertThat(Names.portNumber(65535)).isEmpty();
        assertThat(Names.portNumber(0)).containsExactly("must be between 1 and 65535, inclusive");
        assertThat(Names.portNumber(-1)).containsExactly("must be between 1 and 65535, inclusive");
        assertThat(Names.portNumber(65536)).containsExactly("must be between 1 and 65535, inclusive");
    }

    @Test
    void annotationsSizeCountsKeysAndValues() {
        assertThat(Names.annotationsSize(null)).isEmpty();
        assertThat(Names.annotationsSize(Map.of())).isEmpty();
        Map<String, String> atLimit = new HashMap<>();
        atLimit.put("k", "v".repeat(262_143));
        assertThat(Names.annotationsSize(atLimit)).isEmpty();
        atLimit.put("x", "");
        assertThat(Names.annotationsSize(atLimit)).containsExactly("must have at most 262144 bytes");
    }

    @Test
    void annotationsSizeCountsUtf8Bytes() {
        Map<String, String> annotations = Map.of("k", "é".repeat(131_072)); // 262144 bytes + 1
        assertThat(Names.annotationsSize(annotations)).containsExactly("must have at most 262144 bytes");
    }

    @Test
    void longInputIsHandledWithoutDeepRecursion() {
        String longLabels = "a-".repeat(50_000) + "a";
        assertThat(Names.dns1123Label(longLabels)).containsExactly("must be no more than 63 characters");
        assertThat(Names.dns1123Subdomain("a.".repeat(50_000) + "a"))
                .containsExactly("must be no more than 253 characters");
        assertThat(Names.qualifiedName("a.".repeat(50_000) + "a/b")).hasSize(1);
        assertThat(Names.labelValue("a_".repeat(50_000) + "!")).hasSize(2);
        assertThat(Names.envVarName("A_".repeat(50_000))).isEmpty();
    }
}
