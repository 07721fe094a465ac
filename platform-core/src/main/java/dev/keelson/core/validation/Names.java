package dev.keelson.core.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes name and key syntax, ported from apimachinery's {@code pkg/util/validation}. Each method
 * returns the list of problems, empty when the value is valid (like apimachinery's {@code Is*}
 * functions), worded exactly as Kubernetes words them and without a field path: the caller adds it.
 *
 * <p>Lengths are counted in UTF-8 bytes, as Go's {@code len} does. A {@code null} string is checked
 * as the empty string.
 *
 * <p>Example: {@code Names.dns1123Label("my-app")} is empty, {@code Names.dns1123Label("My_App")} is
 * not.
 */
public final class Names {

    /** Longest DNS-1123 label. */
    public static final int DNS1123_LABEL_MAX_LENGTH = 63;
    /** Longest DNS-1123 subdomain. */
    public static final int DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
    /** Longest name part of a qualified name (label or annotation key). */
    public static final int QUALIFIED_NAME_MAX_LENGTH = 63;
    /** Longest label value. */
    public static final int LABEL_VALUE_MAX_LENGTH = 63;
    /** Longest IANA service (port) name. */
    public static final int IANA_SERVICE_NAME_MAX_LENGTH = 15;
    /** Largest total size of an object's annotations: keys plus values, in bytes (256 KiB). */
    public static final int TOTAL_ANNOTATION_SIZE_LIMIT_BYTES = 256 * 1024;

    static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    static final String DNS1123_LABEL_ERR_MSG = "a lowercase RFC 1123 label must consist of lower case "
            + "alphanumeric characters or '-', and must start and end with an alphanumeric character";
    static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
    static final String DNS1123_SUBDOMAIN_ERR_MSG = "a lowercase RFC 1123 subdomain must consist of lower case "
            + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

    static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    static final String QUALIFIED_NAME_ERR_MSG = "must consist of alphanumeric characters, '-', '_' or '.', "
            + "and must start and end with an alphanumeric character";

    static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
    static final String LABEL_VALUE_ERR_MSG = "a valid label must be an empty string or consist of alphanumeric "
            + "characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    static final String ENV_VAR_NAME_FMT = "[-._a-zA-Z][-._a-zA-Z0-9]*";
    static final String ENV_VAR_NAME_ERR_MSG = "a valid environment variable name must consist of alphabetic "
            + "characters, digits, '_', '-', or '.', and must not start with a digit";

    private Names() {
    }

    /**
     * An RFC 1123 label, as used for most object names ({@code IsDNS1123Label}): at most 63
     * characters of {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?}.
     *
     * @param value the candidate label
     * @return the problems, empty when valid
     */
    public static List<String> dns1123Label(String value) {
        String v = nonNull(value);
        List<String> errs = new ArrayList<>(2);
        if (Messages.byteLength(v) > DNS1123_LABEL_MAX_LENGTH) {
            errs.add(Messages.maxLen(DNS1123_LABEL_MAX_LENGTH));
        }
        if (!isDns1123Label(v, 0, v.length())) {
            if (isDns1123Subdomain(v)) {
                // A valid subdomain but not a label: the length was checked above, so it must be dots.
                errs.add("must not contain dots");
            } else {
                errs.add(Messages.regex(DNS1123_LABEL_ERR_MSG, DNS1123_LABEL_FMT, "my-name", "123-abc"));
            }
        }
        return List.copyOf(errs);
    }

    /**
     * An RFC 1123 subdomain ({@code IsDNS1123Subdomain}): at most 253 characters of DNS-1123 labels
     * joined by {@code '.'}.
     *
     * @param value the candidate subdomain
     * @return the problems, empty when valid
     */
    public static List<String> dns1123Subdomain(String value) {
        String v = nonNull(value);
        List<String> errs = new ArrayList<>(2);
        if (Messages.byteLength(v) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
            errs.add(Messages.maxLen(DNS1123_SUBDOMAIN_MAX_LENGTH));
        }
        if (!isDns1123Subdomain(v)) {
            errs.add(Messages.regex(DNS1123_SUBDOMAIN_ERR_MSG, DNS1123_SUBDOMAIN_FMT, "example.com"));
        }
        return List.copyOf(errs);
    }

    /**
     * A qualified name, the syntax of label and annotation keys ({@code IsQualifiedName}): an
     * optional DNS-1123 subdomain prefix and {@code '/'}, then a name of at most 63 characters of
     * {@code ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]}.
     *
     * @param value the candidate key, e.g. {@code app.kubernetes.io/name}
     * @return the problems, empty when valid
     */
    public static List<String> qualifiedName(String value) {
        String v = nonNull(value);
        List<String> errs = new ArrayList<>(3);
        String[] parts = v.split("/", -1);
        String name;
        switch (parts.length) {
            case 1 -> name = parts[0];
            case 2 -> {
                String prefix = parts[0];
                name = parts[1];
                if (prefix.isEmpty()) {
                    errs.add("prefix part " + Messages.empty());
                } else {
                    for (String msg : dns1123Subdomain(prefix)) {
                        errs.add("prefix part " + msg);
                    }
                }
            }
            default -> {
                errs.add("a qualified name "
                        + Messages.regex(QUALIFIED_NAME_ERR_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
                        + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return List.copyOf(errs);
            }
        }
        if (name.isEmpty()) {
            errs.add("name part " + Messages.empty());
        } else if (Messages.byteLength(name) > QUALIFIED_NAME_MAX_LENGTH) {
            errs.add("name part " + Messages.maxLen(QUALIFIED_NAME_MAX_LENGTH));
        }
        if (!isQualifiedNamePart(name)) {
            errs.add("name part "
                    + Messages.regex(QUALIFIED_NAME_ERR_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
        }
        return List.copyOf(errs);
    }

    /**
     * A label value ({@code IsValidLabelValue}): empty, or at most 63 characters that start and end
     * with an alphanumeric and contain only alphanumerics, {@code '-'}, {@code '_'} and {@code '.'}.
     *
     * @param value the candidate label value
     * @return the problems, empty when valid
     */
    public static List<String> labelValue(String value) {
        String v = nonNull(value);
        List<String> errs = new ArrayList<>(2);
        if (Messages.byteLength(v) > LABEL_VALUE_MAX_LENGTH) {
            errs.add(Messages.maxLen(LABEL_VALUE_MAX_LENGTH));
        }
        if (!(v.isEmpty() || isQualifiedNamePart(v))) {
            errs.add(Messages.regex(LABEL_VALUE_ERR_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
        }
        return List.copyOf(errs);
    }

    /**
     * An IANA service name, the syntax of container and service port names
     * ({@code IsValidPortName}): at most 15 characters of {@code [-a-z0-9]}, at least one letter, no
     * leading or trailing {@code '-'} and no {@code "--"}.
     *
     * @param value the candidate port name, e.g. {@code http-metrics}
     * @return the problems, empty when valid
     */
    public static List<String> ianaServiceName(String value) {
        String v = nonNull(value);
        List<String> errs = new ArrayList<>(4);
        if (Messages.byteLength(v) > IANA_SERVICE_NAME_MAX_LENGTH) {
            errs.add(Messages.maxLen(IANA_SERVICE_NAME_MAX_LENGTH));
        }
        if (!isPortNameCharset(v)) {
            errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (v.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
            errs.add("must contain at least one letter (a-z)");
        }
        if (v.contains("--")) {
            errs.add("must not contain consecutive hyphens");
        }
        if (!v.isEmpty() && (v.charAt(0) == '-' || v.charAt(v.length() - 1) == '-')) {
            errs.add("must not begin or end with a hyphen");
        }
        return List.copyOf(errs);
    }

    /**
     * A container environment variable name under Kubernetes' classic rule ({@code IsEnvVarName}):
     * {@code [-._a-zA-Z][-._a-zA-Z0-9]*}, and neither {@code "."}, {@code ".."} nor starting with
     * {@code ".."}.
     *
     * @param value the candidate variable name
     * @return the problems, empty when valid
     */
    public static List<String> envVarName(String value) {
        String v = nonNull(value);
        List<String> errs = new ArrayList<>(2);
        if (!isEnvVarName(v)) {
            errs.add(Messages.regex(ENV_VAR_NAME_ERR_MSG, ENV_VAR_NAME_FMT, "my.env-name", "MY_ENV.NAME",
                    "MyEnvName1"));
        }
        if (v.equals(".")) {
            errs.add("must not be '.'");
        } else if (v.equals("..")) {
            errs.add("must not be '..'");
        } else if (v.startsWith("..")) {
            errs.add("must not start with '..'");
        }
        return List.copyOf(errs);
    }

    /**
     * A non-zero TCP/UDP port number ({@code IsValidPortNum}).
     *
     * @param port the candidate port
     * @return the problems, empty when {@code 1 <= port <= 65535}
     */
    public static List<String> portNumber(int port) {
        if (port >= 1 && port <= 65535) {
            return List.of();
        }
        return List.of(Messages.inclusiveRange(1, 65535));
    }

    /**
     * The total size of an object's annotations ({@code ValidateAnnotationsSize}): the UTF-8 bytes of
     * every key and value together must not exceed 256 KiB.
     *
     * @param annotations the annotations; {@code null} counts as none
     * @return the problems, empty when within the limit
     */
    public static List<String> annotationsSize(Map<String, String> annotations) {
        if (annotations == null || annotations.isEmpty()) {
            return List.of();
        }
        long total = 0;
        for (Map.Entry<String, String> e : annotations.entrySet()) {
            total += Messages.byteLength(nonNull(e.getKey())) + (long) Messages.byteLength(nonNull(e.getValue()));
        }
        if (total > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES) {
            return List.of("must have at most " + TOTAL_ANNOTATION_SIZE_LIMIT_BYTES + " bytes");
        }
        return List.of();
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    // The patterns above, matched by hand: linear, and without the deep recursion java.util.regex
    // needs for repeated groups on long input.

    private static boolean isLowerAlnum(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    private static boolean isAlnum(char c) {
        return isLowerAlnum(c) || c >= 'A' && c <= 'Z';
    }

    /** {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?} over {@code v[from, to)}. */
    static boolean isDns1123Label(String v, int from, int to) {
        if (to <= from || !isLowerAlnum(v.charAt(from)) || !isLowerAlnum(v.charAt(to - 1))) {
            return false;
        }
        for (int i = from + 1; i < to - 1; i++) {
            char c = v.charAt(i);
            if (c != '-' && !isLowerAlnum(c)) {
                return false;
            }
        }
        return true;
    }

    /** DNS-1123 labels joined by single dots (no per-label length limit, as in the upstream regex). */
    static boolean isDns1123Subdomain(String v) {
        int from = 0;
        while (true) {
            int dot = v.indexOf('.', from);
            int to = dot < 0 ? v.length() : dot;
            if (!isDns1123Label(v, from, to)) {
                return false;
            }
            if (dot < 0) {
                return true;
            }
            from = dot + 1;
        }
    }

    /** {@code ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]}. */
    static boolean isQualifiedNamePart(String v) {
        int n = v.length();
        if (n == 0 || !isAlnum(v.charAt(0)) || !isAlnum(v.charAt(n - 1))) {
            return false;
        }
        for (int i = 1; i < n - 1; i++) {
            char c = v.charAt(i);
            if (c != '-' && c != '_' && c != '.' && !isAlnum(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code [-._a-zA-Z][-._a-zA-Z0-9]*}. */
    private static boolean isEnvVarName(String v) {
        if (v.isEmpty()) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean ok = c == '-' || c == '.' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                    || i > 0 && c >= '0' && c <= '9';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** {@code [-a-z0-9]+}. */
    private static boolean isPortNameCharset(String v) {
        if (v.isEmpty()) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c != '-' && !isLowerAlnum(c)) {
                return false;
            }
        }
        return true;
    }
}
