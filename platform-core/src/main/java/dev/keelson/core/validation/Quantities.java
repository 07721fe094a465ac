package dev.keelson.core.validation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;

/**
 * Kubernetes resource quantities such as {@code "250m"}, {@code "1.5Gi"} or {@code "1e3"}, with the
 * strict grammar and the value semantics of apimachinery's {@code resource.ParseQuantity} and the
 * canonical rendering of {@code Quantity.String()}.
 *
 * <p>Like Kubernetes, parsing rounds a non-zero value away from zero to a whole number of nano
 * units ({@code "0.1n"} is {@code 1n}), caps a binary-SI value at 2<sup>63</sup>-1 in magnitude
 * ({@code "9Ei"}), and accepts the odd forms upstream accepts ({@code "1."}, {@code ".5"},
 * {@code "+1"}).
 *
 * <p>Example: {@code Quantities.canonical("1.5Gi")} is {@code "1536Mi"}, and
 * {@code Quantities.parse("250m")} is {@code 0.25}.
 */
public final class Quantities {

    /**
     * The three ways Kubernetes writes a quantity, named after {@code resource.Format}.
     *
     * <p>Example: {@code Quantities.formatOf("1Gi")} is {@code BINARY_SI}.
     */
    public enum Format {
        /** Powers of 1024: {@code Ki Mi Gi Ti Pi Ei}, e.g. {@code "12Mi"}. */
        BINARY_SI,
        /** Powers of 1000: {@code n u m "" k M G T P E}, e.g. {@code "12M"} or {@code "250m"}. */
        DECIMAL_SI,
        /** A power-of-ten exponent, e.g. {@code "12e6"}. */
        DECIMAL_EXPONENT
    }

    /** The pattern named by {@code ErrFormatWrong}; the scanner below is its strict form. */
    public static final String SPLIT_REGEX = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";

    static final String ERR_FORMAT_WRONG = "quantities must match the regular expression '" + SPLIT_REGEX + "'";
    static final String ERR_NUMERIC = "unable to parse numeric part of quantity";
    static final String ERR_SUFFIX = "unable to parse quantity's suffix";

    private static final BigDecimal MAX_ALLOWED = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal NANO = BigDecimal.ONE.movePointLeft(9);
    private static final BigDecimal BINARY_THRESHOLD = BigDecimal.valueOf(1024);
    private static final BigInteger BIG_1024 = BigInteger.valueOf(1024);
    private static final String[] DECIMAL_SUFFIXES = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
    private static final String[] BINARY_SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    private static final int MAX_INT64_FACTORS = 18;
    /** Beyond this many integer digits a binary value is shown in decimal rather than factored. */
    private static final int MAX_BINARY_FACTOR_DIGITS = 100_000;

    private Quantities() {
    }

    /**
     * Checks a quantity string against {@code resource.ParseQuantity}.
     *
     * @param value the candidate quantity
     * @return the problem (one at most), empty when valid
     */
    public static List<String> validate(String value) {
        Parsed p = scan(value);
        return p.error == null ? List.of() : List.of(p.error);
    }

    /**
     * Whether {@code value} is a valid quantity.
     *
     * @param value the candidate quantity
     * @return true when {@link #validate(String)} finds no problem
     */
    public static boolean isValid(String value) {
        return scan(value).error == null;
    }

    /**
     * The exact value Kubernetes stores for a quantity, in base units (cores, bytes): integers have
     * scale 0, fractions the fewest decimal places.
     *
     * @param value a quantity, e.g. {@code "1.5Gi"}
     * @return its value, e.g. {@code 1610612736}
     * @throws IllegalArgumentException naming the value and the problem when it is not a quantity
     */
    public static BigDecimal parse(String value) {
        return require(value).value;
    }

    /**
     * The format family a quantity string is written in, after Kubernetes' adjustments (a binary
     * quantity strictly between 0 and 1 becomes decimal).
     *
     * @param value a quantity, e.g. {@code "1Gi"}
     * @return its format, e.g. {@link Format#BINARY_SI}
     * @throws IllegalArgumentException when it is not a quantity
     */
    public static Format formatOf(String value) {
        return require(value).format;
    }

    /**
     * Compares two quantities numerically, like {@code Quantity.Cmp}.
     *
     * @param a a quantity
     * @param b another quantity
     * @return negative, zero or positive as {@code a} is less than, equal to or greater than {@code b}
     * @throws IllegalArgumentException when either is not a quantity
     */
    public static int compare(String a, String b) {
        return parse(a).compareTo(parse(b));
    }

    /**
     * Renders a value the way {@code Quantity.String()} renders a quantity of that value and format:
     * no fractional digits, the largest suffix (or exponent, a multiple of 3) that loses nothing, and
     * a sign only when negative. A binary value strictly between -1024 and 1024, or with a fraction,
     * is shown in decimal SI; a decimal value beyond the suffixes {@code n}..{@code E} falls back to
     * exponent notation ({@code "1e21"}), and a binary one beyond {@code Ei} to decimal SI.
     *
     * @param value the value in base units
     * @param format the format family to render in
     * @return the canonical string, e.g. {@code 0.25} in {@code DECIMAL_SI} is {@code "250m"}
     */
    public static String format(BigDecimal value, Format format) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(format, "format");
        if (value.signum() == 0) {
            return "0";
        }
        if (format == Format.BINARY_SI) {
            String binary = formatBinary(value);
            if (binary != null) {
                return binary;
            }
            return formatDecimal(value, Format.DECIMAL_SI);
        }
        return formatDecimal(value, format);
    }

    /**
     * Parses a quantity and renders it canonically in its own format family, as the API server
     * would return it.
     *
     * @param value a quantity, e.g. {@code "1024Mi"}
     * @return its canonical form, e.g. {@code "1Gi"}
     * @throws IllegalArgumentException when it is not a quantity
     */
    public static String canonical(String value) {
        Parsed p = require(value);
        return format(p.value, p.format);
    }

    // ---------------------------------------------------------------------------------------------

    private static Parsed require(String value) {
        Parsed p = scan(value);
        if (p.error != null) {
            throw new IllegalArgumentException("invalid quantity " + Messages.goQuote(value)
                    + ": " + p.error);
        }
        return p;
    }

    private static final class Parsed {
        final BigDecimal value;
        final Format format;
        final String error;

        private Parsed(BigDecimal value, Format format, String error) {
            this.value = value;
            this.format = format;
            this.error = error;
        }

        static Parsed ok(BigDecimal value, Format format) {
            return new Parsed(value, format, null);
        }

        static Parsed fail(String error) {
            return new Parsed(null, null, error);
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSuffixChar(char c) {
        return "eEinumkKMGTP".indexOf(c) >= 0;
    }

    /** Port of {@code ParseQuantity} and its scanner {@code parseQuantityString}. */
    private static Parsed scan(String str) {
        if (str == null || str.isEmpty()) {
            return Parsed.fail(ERR_FORMAT_WRONG);
        }
        if (str.equals("0")) {
            return Parsed.ok(BigDecimal.ZERO, Format.DECIMAL_SI);
        }
        final int end = str.length();
        int pos = 0;
        boolean positive = true;
        char first = str.charAt(0);
        if (first == '-') {
            positive = false;
            pos++;
        } else if (first == '+') {
            pos++;
        }
        // strip leading zeros
        while (pos < end && str.charAt(pos) == '0') {
            pos++;
        }
        if (pos >= end) {
            return Parsed.ok(BigDecimal.ZERO, Format.DECIMAL_SI);
        }
        int numStart = pos;
        while (pos < end && isDigit(str.charAt(pos))) {
            pos++;
        }
        String num = str.substring(numStart, pos);
        String denom = "";
        String suffix;
        if (pos < end && str.charAt(pos) == '.') {
            pos++;
            int denomStart = pos;
            while (pos < end && isDigit(str.charAt(pos))) {
                pos++;
            }
            denom = str.substring(denomStart, pos);
        }
        int suffixStart = pos;
        while (pos < end && isSuffixChar(str.charAt(pos))) {
            pos++;
        }
        if (pos < end && (str.charAt(pos) == '-' || str.charAt(pos) == '+')) {
            pos++;
        }
        while (pos < end && isDigit(str.charAt(pos))) {
            pos++;
        }
        if (pos < end) {
            return Parsed.fail(ERR_FORMAT_WRONG);
        }
        suffix = str.substring(suffixStart);
        int signLength = first == '-' || first == '+' ? 1 : 0;
        boolean hasDigits = !num.isEmpty() || !denom.isEmpty() || numStart > signLength;
        if (num.isEmpty()) {
            num = "0";
        }

        Suffix s = interpret(suffix);
        if (s == null) {
            return Parsed.fail(ERR_SUFFIX);
        }

        // Upstream takes an int64 fast path when it can and otherwise parses the number text as an
        // inf.Dec, which fails when that text holds no digit at all (e.g. "-Pi", ".e-10").
        if (!hasDigits && !fastPath(num, denom, s)) {
            return Parsed.fail(ERR_NUMERIC);
        }

        BigDecimal amount = new BigDecimal(num + (denom.isEmpty() ? "" : "." + denom));
        if (s.base == 10) {
            if ((long) amount.scale() - s.exponent > Integer.MAX_VALUE) {
                // Far below one nano unit (upstream rounds it up to 1n): avoid an int scale overflow.
                amount = amount.signum() == 0 ? BigDecimal.ZERO : NANO;
            } else {
                amount = amount.scaleByPowerOfTen(s.exponent);
            }
        } else {
            amount = new BigDecimal(amount.unscaledValue().shiftLeft(s.exponent), amount.scale());
        }
        Format format = s.format;
        if (amount.signum() != 0) {
            amount = roundUpToNano(amount);
        }
        if (format == Format.BINARY_SI && amount.compareTo(MAX_ALLOWED) > 0) {
            amount = MAX_ALLOWED;
        }
        if (format == Format.BINARY_SI && amount.signum() > 0 && amount.compareTo(BigDecimal.ONE) < 0) {
            format = Format.DECIMAL_SI;
        }
        if (!positive) {
            amount = amount.negate();
        }
        return Parsed.ok(normalize(amount), format);
    }

    /** Whether upstream's int64 fast path handles the value (so its text is never re-parsed). */
    private static boolean fastPath(String num, String denom, Suffix s) {
        int precision;
        long scale = 0;
        if (s.format == Format.BINARY_SI) {
            if (!denom.isEmpty()) {
                return false;
            }
            precision = 15 - num.length() - (int) ((float) s.exponent * 3 / 10) - 1;
        } else {
            scale = s.exponent;
            precision = MAX_INT64_FACTORS - (num.length() + denom.length());
        }
        if (precision < 0) {
            return false;
        }
        scale -= denom.length();
        // The only digitless numbers are zero, so the int64 multiplication never overflows.
        return scale >= -9;
    }

    /** Rounds a non-zero value away from zero to a whole number of nano units. */
    private static BigDecimal roundUpToNano(BigDecimal amount) {
        if (amount.scale() <= 9) {
            return amount;
        }
        // Below 10^-9 in magnitude: avoid a huge division and go straight to one nano unit.
        if ((long) amount.precision() - amount.scale() <= -9) {
            return amount.signum() > 0 ? NANO : NANO.negate();
        }
        return amount.setScale(9, RoundingMode.UP);
    }

    /** Integers at scale 0, fractions with the fewest decimal places. */
    private static BigDecimal normalize(BigDecimal v) {
        if (v.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal s = v.stripTrailingZeros();
        if (s.scale() < 0) {
            // Only expand moderately sized integers; 1e2147483647 stays in exponent form.
            if (s.precision() - (long) s.scale() <= 10_000) {
                s = s.setScale(0, RoundingMode.UNNECESSARY);
            }
        }
        return s;
    }

    private record Suffix(int base, int exponent, Format format) {
    }

    /** Port of the suffixer's {@code interpret}. */
    private static Suffix interpret(String s) {
        switch (s) {
            case "": return new Suffix(10, 0, Format.DECIMAL_SI);
            case "n": return new Suffix(10, -9, Format.DECIMAL_SI);
            case "u": return new Suffix(10, -6, Format.DECIMAL_SI);
            case "m": return new Suffix(10, -3, Format.DECIMAL_SI);
            case "k": return new Suffix(10, 3, Format.DECIMAL_SI);
            case "M": return new Suffix(10, 6, Format.DECIMAL_SI);
            case "G": return new Suffix(10, 9, Format.DECIMAL_SI);
            case "T": return new Suffix(10, 12, Format.DECIMAL_SI);
            case "P": return new Suffix(10, 15, Format.DECIMAL_SI);
            case "E": return new Suffix(10, 18, Format.DECIMAL_SI);
            case "Ki": return new Suffix(2, 10, Format.BINARY_SI);
            case "Mi": return new Suffix(2, 20, Format.BINARY_SI);
            case "Gi": return new Suffix(2, 30, Format.BINARY_SI);
            case "Ti": return new Suffix(2, 40, Format.BINARY_SI);
            case "Pi": return new Suffix(2, 50, Format.BINARY_SI);
            case "Ei": return new Suffix(2, 60, Format.BINARY_SI);
            default: break;
        }
        if (s.length() > 1 && (s.charAt(0) == 'e' || s.charAt(0) == 'E')) {
            Long exponent = parseGoInt64(s.substring(1));
            // Upstream keeps exponents in an int32 scale that it negates, so it accepts +-MaxInt32.
            if (exponent == null || exponent > Integer.MAX_VALUE || exponent < -Integer.MAX_VALUE) {
                return null;
            }
            return new Suffix(10, exponent.intValue(), Format.DECIMAL_EXPONENT);
        }
        return null;
    }

    /** Go's {@code strconv.ParseInt(s, 10, 64)}: optional sign, then one or more ASCII digits. */
    private static Long parseGoInt64(String s) {
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            i = 1;
        }
        if (i >= s.length()) {
            return null;
        }
        for (int j = i; j < s.length(); j++) {
            if (!isDigit(s.charAt(j))) {
                return null;
            }
        }
        try {
            return Long.parseLong(s.charAt(0) == '+' ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Binary SI rendering, or null when upstream would show the value in decimal SI instead. */
    private static String formatBinary(BigDecimal value) {
        BigDecimal abs = value.abs();
        if (abs.compareTo(BINARY_THRESHOLD) < 0) {
            return null;
        }
        BigDecimal stripped = abs.stripTrailingZeros();
        if (stripped.scale() > 0) {
            return null; // a fraction: showing it in binary would round it
        }
        if (stripped.precision() - (long) stripped.scale() > MAX_BINARY_FACTOR_DIGITS) {
            return null;
        }
        BigInteger mantissa = stripped.toBigIntegerExact();
        int exponent = 0;
        while (exponent < BINARY_SUFFIXES.length) {
            BigInteger[] qr = mantissa.divideAndRemainder(BIG_1024);
            if (qr[1].signum() != 0) {
                break;
            }
            mantissa = qr[0];
            exponent++;
        }
        if (exponent >= BINARY_SUFFIXES.length) {
            return null; // past Ei there is no binary suffix
        }
        return (value.signum() < 0 ? "-" : "") + mantissa + BINARY_SUFFIXES[exponent];
    }

    private static String formatDecimal(BigDecimal value, Format format) {
        BigDecimal stripped = value.stripTrailingZeros();
        BigInteger mantissa = stripped.unscaledValue();
        long exponent = -(long) stripped.scale();
        while (exponent % 3 != 0) {
            mantissa = mantissa.multiply(BigInteger.TEN);
            exponent--;
        }
        String suffix;
        if (format == Format.DECIMAL_SI && exponent >= -9 && exponent <= 18) {
            suffix = DECIMAL_SUFFIXES[(int) (exponent / 3 + 3)];
        } else {
            suffix = exponent == 0 ? "" : "e" + exponent;
        }
        return mantissa.toString() + suffix;
    }
}
