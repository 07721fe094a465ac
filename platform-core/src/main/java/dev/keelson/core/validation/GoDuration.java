package dev.keelson.core.validation;

import java.math.BigInteger;

/**
 * Go's {@code time.ParseDuration}, needed for robfig/cron's {@code @every <duration>} descriptor,
 * with Go's error wording.
 *
 * <p>Example: {@code GoDuration.parseNanos("1h30m")} is {@code 5400000000000L}.
 */
final class GoDuration {

    private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(63);

    private GoDuration() {
    }

    /** Thrown with Go's message when the text is not a duration. */
    static final class DurationException extends Exception {
        private static final long serialVersionUID = 1L;

        DurationException(String message) {
            super(message, null, false, false);
        }
    }

    /** Nanoseconds per unit; {@code 2^63} is the overflow bound Go checks against. */
    private static long unit(String u) {
        return switch (u) {
            case "ns" -> 1L;
            case "us", "\u00b5s", "\u03bcs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> -1L;
        };
    }

    /**
     * Parses a Go duration such as {@code "300ms"}, {@code "-1.5h"} or {@code "2h45m"}.
     *
     * @param text the duration text
     * @return the duration in nanoseconds
     * @throws DurationException with Go's message when the text is not a duration
     */
    static long parseNanos(String text) throws DurationException {
        String orig = text;
        String s = text;
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw invalid(orig);
        }
        // Accumulated as an unsigned magnitude up to 2^63, like Go's uint64.
        BigInteger limit = LIMIT;
        BigInteger d = BigInteger.ZERO;
        while (!s.isEmpty()) {
            char c0 = s.charAt(0);
            if (!(c0 == '.' || c0 >= '0' && c0 <= '9')) {
                throw invalid(orig);
            }
            int i = 0;
            BigInteger v = BigInteger.ZERO;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                v = v.multiply(BigInteger.TEN).add(BigInteger.valueOf(s.charAt(i) - '0'));
                if (v.compareTo(limit) > 0) {
                    throw invalid(orig); // leadingInt overflow
                }
                i++;
            }
            boolean pre = i > 0;
            s = s.substring(i);
            boolean post = false;
            long f = 0;
            double scale = 1;
            if (!s.isEmpty() && s.charAt(0) == '.') {
                s = s.substring(1);
                int j = 0;
                boolean overflow = false;
                while (j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
                    if (!overflow) {
                        if (f > (Long.MAX_VALUE - 9) / 10) {
                            overflow = true;
                        } else {
                            f = f * 10 + (s.charAt(j) - '0');
                            scale *= 10;
                        }
                    }
                    j++;
                }
                post = j > 0;
                s = s.substring(j);
            }
            if (!pre && !post) {
                throw invalid(orig);
            }
            int u = 0;
            while (u < s.length() && s.charAt(u) != '.' && !(s.charAt(u) >= '0' && s.charAt(u) <= '9')) {
                u++;
            }
            if (u == 0) {
                throw new DurationException("time: missing unit in duration " + Messages.goQuote(orig));
            }
            String unitText = s.substring(0, u);
            s = s.substring(u);
            long unit = unit(unitText);
            if (unit < 0) {
                throw new DurationException("time: unknown unit " + Messages.goQuote(unitText) + " in duration "
                        + Messages.goQuote(orig));
            }
            BigInteger bigUnit = BigInteger.valueOf(unit);
            if (v.compareTo(limit.divide(bigUnit)) > 0) {
                throw invalid(orig);
            }
            v = v.multiply(bigUnit);
            if (f > 0) {
                v = v.add(BigInteger.valueOf((long) ((double) f * ((double) unit / scale))));
                if (v.compareTo(limit) > 0) {
                    throw invalid(orig);
                }
            }
            d = d.add(v);
            if (d.compareTo(limit) > 0) {
                throw invalid(orig);
            }
        }
        if (neg) {
            return d.negate().longValue();
        }
        if (d.compareTo(limit) >= 0) {
            throw invalid(orig);
        }
        return d.longValue();
    }

    private static DurationException invalid(String orig) {
        return new DurationException("time: invalid duration " + Messages.goQuote(orig));
    }
}
