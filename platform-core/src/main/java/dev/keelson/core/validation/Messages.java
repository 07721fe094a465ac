package dev.keelson.core.validation;

import java.nio.charset.StandardCharsets;

/**
 * Message builders shared by the validators, worded exactly as apimachinery's {@code MaxLenError},
 * {@code RegexError}, {@code EmptyError} and {@code InclusiveRangeError}.
 *
 * <p>Example: {@code Messages.maxLen(63)} is {@code "must be no more than 63 characters"}.
 */
final class Messages {

    private Messages() {
    }

    /** apimachinery {@code MaxLenError}. */
    static String maxLen(int length) {
        return "must be no more than " + length + " characters";
    }

    /** apimachinery {@code EmptyError}. */
    static String empty() {
        return "must be non-empty";
    }

    /** apimachinery {@code InclusiveRangeError}. */
    static String inclusiveRange(long lo, long hi) {
        return "must be between " + lo + " and " + hi + ", inclusive";
    }

    /**
     * apimachinery {@code RegexError}: the message, then the examples (each followed by {@code ", "}
     * and joined by {@code " or "}, which yields upstream's double space), then the regex.
     */
    static String regex(String msg, String regex, String... examples) {
        if (examples.length == 0) {
            return msg + " (regex used for validation is '" + regex + "')";
        }
        StringBuilder sb = new StringBuilder(msg).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) {
                sb.append(" or ");
            }
            sb.append('\'').append(examples[i]).append("', ");
        }
        return sb.append("regex used for validation is '").append(regex).append("')").toString();
    }

    /** Go's {@code len(s)}: the UTF-8 byte length, which is what Kubernetes' length limits count. */
    static int byteLength(String s) {
        int n = s.length();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return n;
    }

    /** Go's {@code strconv.Quote} for the strings seen here (ASCII escapes, others verbatim); null stays bare. */
    static String goQuote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
