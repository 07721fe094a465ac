package dev.keelson.core.validation;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A CronJob schedule as Kubernetes accepts it: robfig/cron's {@code ParseStandard} (five fields
 * minute, hour, day-of-month, month, day-of-week; names {@code JAN}-{@code DEC} and
 * {@code SUN}-{@code SAT}; ranges, steps, lists, {@code *} and {@code ?}; the descriptors
 * {@code @yearly @annually @monthly @weekly @daily @midnight @hourly} and {@code @every <duration>}),
 * plus Kubernetes' refusal of {@code TZ=} / {@code CRON_TZ=} in the schedule, where
 * {@code spec.timeZone} is to be used instead.
 *
 * <p>Problems are worded as Kubernetes reports them (robfig's error, then the TZ rule); the
 * exception from {@link #parse(String)} also names the field at fault. {@link #next(ZonedDateTime)}
 * is a port of robfig's {@code SpecSchedule.Next}, so it shares its day rule: when both
 * day-of-month and day-of-week are restricted (neither starts with {@code *} or {@code ?}), a day
 * matching either one fires.
 *
 * <p>Example: {@code CronSchedule.parse("0,30 9-17 * * MON-FRI").next(now)} is the next half hour
 * within office hours on a weekday.
 */
public final class CronSchedule {

    static final String TZ_IN_SCHEDULE = "cannot use TZ or CRON_TZ in schedule, use timeZone field instead";
    static final String TIME_ZONE_EMPTY = "timeZone must be nil or non-empty string";
    static final String TIME_ZONE_LOCAL =
            "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones";

    private static final long STAR_BIT = 1L << 63;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final Pattern VALID_TIME_ZONE_CHARACTERS = Pattern.compile("[A-Za-z.\\-_0-9+]{1,14}");

    private static final Map<String, Integer> MONTH_NAMES = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4),
            Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8),
            Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
    private static final Map<String, Integer> DOW_NAMES = Map.of(
            "sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5, "sat", 6);

    private record Bounds(String field, int min, int max, Map<String, Integer> names) {
    }

    private static final Bounds MINUTES = new Bounds("minute", 0, 59, null);
    private static final Bounds HOURS = new Bounds("hour", 0, 23, null);
    private static final Bounds DOM = new Bounds("day of month", 1, 31, null);
    private static final Bounds MONTHS = new Bounds("month", 1, 12, MONTH_NAMES);
    private static final Bounds DOW = new Bounds("day of week", 0, 6, DOW_NAMES);

    private final String expression;
    private final long second;
    private final long minute;
    private final long hour;
    private final long dom;
    private final long month;
    private final long dow;
    /** The {@code @every} delay in nanoseconds, or 0 for a field schedule. */
    private final long delayNanos;

    private CronSchedule(String expression, long minute, long hour, long dom, long month, long dow) {
        this.expression = expression;
        this.second = 1L; // standard specs fire at second 0
        this.minute = minute;
        this.hour = hour;
        this.dom = dom;
        this.month = month;
        this.dow = dow;
        this.delayNanos = 0;
    }

    private CronSchedule(String expression, long delayNanos) {
        this.expression = expression;
        this.second = 0;
        this.minute = 0;
        this.hour = 0;
        this.dom = 0;
        this.month = 0;
        this.dow = 0;
        this.delayNanos = delayNanos;
    }

    /**
     * Parses a schedule as a new CronJob's {@code spec.schedule}.
     *
     * @param expression the schedule, e.g. {@code "0 3 * * *"} or {@code "@daily"}
     * @return the schedule
     * @throws IllegalArgumentException naming the field at fault and why, when Kubernetes would
     *     reject the schedule
     */
    public static CronSchedule parse(String expression) {
        Result r = robfigParse(expression == null ? "" : expression);
        List<String> problems = new ArrayList<>(2);
        if (r.error != null) {
            problems.add(r.field == null ? r.error : r.field + " field: " + r.error);
        }
        if (expression != null && expression.contains("TZ")) {
            problems.add(TZ_IN_SCHEDULE);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid cron schedule " + Messages.goQuote(expression)
                    + ": " + String.join("; ", problems));
        }
        return r.schedule;
    }

    /**
     * Checks a schedule as Kubernetes checks a new CronJob's {@code spec.schedule}.
     *
     * @param expression the candidate schedule
     * @return the problems, empty when valid
     */
    public static List<String> validate(String expression) {
        String spec = expression == null ? "" : expression;
        List<String> problems = new ArrayList<>(2);
        Result r = robfigParse(spec);
        if (r.error != null) {
            problems.add(r.error);
        }
        if (spec.contains("TZ")) {
            problems.add(TZ_IN_SCHEDULE);
        }
        return List.copyOf(problems);
    }

    /**
     * Checks a CronJob {@code spec.timeZone}: an IANA zone name known to the tz database, not
     * {@code Local}, and not an offset such as {@code +01:00} or {@code UTC+1}.
     *
     * @param timeZone the candidate zone, e.g. {@code Europe/Berlin}; {@code null} means "unset"
     *     and is valid
     * @return the problems, empty when valid
     */
    public static List<String> validateTimeZone(String timeZone) {
        if (timeZone == null) {
            return List.of();
        }
        if (timeZone.isEmpty()) {
            return List.of(TIME_ZONE_EMPTY);
        }
        for (String part : timeZone.split("/", -1)) {
            if (part.equals(".") || part.equals("..") || part.startsWith("-")
                    || !VALID_TIME_ZONE_CHARACTERS.matcher(part).matches()) {
                return List.of("unknown time zone " + timeZone);
            }
        }
        List<String> problems = new ArrayList<>(2);
        if (timeZone.equalsIgnoreCase("Local")) {
            problems.add(TIME_ZONE_LOCAL);
        }
        String loadError = goLoadLocation(timeZone);
        if (loadError != null) {
            problems.add(loadError);
        }
        return List.copyOf(problems);
    }

    /**
     * The schedule text as given.
     *
     * @return the expression
     */
    public String expression() {
        return expression;
    }

    /**
     * The next time the schedule fires strictly after {@code after}, evaluated in {@code after}'s
     * zone (as the CronJob controller does with {@code spec.timeZone}), with robfig's semantics:
     * whole minutes, and the day-of-month / day-of-week rule described on the class.
     *
     * @param after the reference time
     * @return the next fire time in {@code after}'s zone, or {@code null} when the schedule never
     *     fires within five years (e.g. {@code "0 0 30 2 *"}), which is how robfig reports "never"
     */
    public ZonedDateTime next(ZonedDateTime after) {
        Objects.requireNonNull(after, "after");
        if (delayNanos > 0) {
            return after.plusNanos(delayNanos - after.getNano());
        }
        if (neverFires()) {
            return null;
        }
        ZoneId loc = after.getZone();
        ZonedDateTime t = after.plusNanos(NANOS_PER_SECOND - after.getNano());
        boolean added = false;
        int yearLimit = t.getYear() + 5;
        wrap:
        while (true) {
            if (t.getYear() > yearLimit) {
                return null;
            }
            while ((1L << t.getMonthValue() & month) == 0) {
                if (!added) {
                    added = true;
                    t = ZonedDateTime.of(t.getYear(), t.getMonthValue(), 1, 0, 0, 0, 0, loc);
                }
                t = t.plusMonths(1);
                if (t.getMonthValue() == 1) {
                    continue wrap;
                }
            }
            while (!dayMatches(t)) {
                if (!added) {
                    added = true;
                    t = ZonedDateTime.of(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), 0, 0, 0, 0, loc);
                }
                t = t.plusDays(1);
                // Where midnight does not exist (DST), land back on the day's first hour.
                if (t.getHour() != 0) {
                    t = t.getHour() > 12 ? t.plusHours(24L - t.getHour()) : t.minusHours(t.getHour());
                }
                if (t.getDayOfMonth() == 1) {
                    continue wrap;
                }
            }
            while ((1L << t.getHour() & hour) == 0) {
                if (!added) {
                    added = true;
                    t = ZonedDateTime.of(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), 0, 0, 0,
                            loc);
                }
                t = t.plusHours(1);
                if (t.getHour() == 0) {
                    continue wrap;
                }
            }
            while ((1L << t.getMinute() & minute) == 0) {
                if (!added) {
                    added = true;
                    t = t.truncatedTo(ChronoUnit.MINUTES);
                }
                t = t.plusMinutes(1);
                if (t.getMinute() == 0) {
                    continue wrap;
                }
            }
            while ((1L << t.getSecond() & second) == 0) {
                if (!added) {
                    added = true;
                    t = t.truncatedTo(ChronoUnit.SECONDS);
                }
                t = t.plusSeconds(1);
                if (t.getSecond() == 0) {
                    continue wrap;
                }
            }
            return t;
        }
    }

    /**
     * Whether the schedule fires at the given minute (its seconds and below are ignored).
     *
     * @param time the time to test, in the zone the schedule is evaluated in
     * @return true when every field matches; always false for {@code @every} schedules, which have
     *     no fields
     */
    public boolean matches(ZonedDateTime time) {
        Objects.requireNonNull(time, "time");
        return delayNanos == 0
                && (1L << time.getMonthValue() & month) != 0
                && dayMatches(time)
                && (1L << time.getHour() & hour) != 0
                && (1L << time.getMinute() & minute) != 0;
    }

    /**
     * Whether a field matches nothing at all (e.g. {@code ","}), which robfig only finds out after
     * searching five years.
     */
    private boolean neverFires() {
        long domBits = dom & ~STAR_BIT;
        long dowBits = dow & ~STAR_BIT;
        boolean noDay = (dom & STAR_BIT) != 0 || (dow & STAR_BIT) != 0
                ? domBits == 0 || dowBits == 0
                : domBits == 0 && dowBits == 0;
        return minute == 0 || hour == 0 || month == 0 || noDay;
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean domMatch = (1L << t.getDayOfMonth() & dom) != 0;
        boolean dowMatch = (1L << (t.getDayOfWeek().getValue() % 7) & dow) != 0;
        if ((dom & STAR_BIT) != 0 || (dow & STAR_BIT) != 0) {
            return domMatch && dowMatch;
        }
        return domMatch || dowMatch;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronSchedule other && expression.equals(other.expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    /**
     * The schedule text as given.
     *
     * @return the expression
     */
    @Override
    public String toString() {
        return expression;
    }

    // ---------------------------------------------------------------------------------------------

    private static final class Result {
        final CronSchedule schedule;
        final String error;
        final String field;

        private Result(CronSchedule schedule, String error, String field) {
            this.schedule = schedule;
            this.error = error;
            this.field = field;
        }

        static Result ok(CronSchedule schedule) {
            return new Result(schedule, null, null);
        }

        static Result fail(String error, String field) {
            return new Result(null, error, field);
        }
    }

    private static final class FieldException extends Exception {
        private static final long serialVersionUID = 1L;

        FieldException(String message) {
            super(message, null, false, false);
        }
    }

    /** Port of robfig/cron v3 {@code Parser.Parse} with {@code ParseStandard}'s options. */
    private static Result robfigParse(String original) {
        String spec = original;
        if (spec.isEmpty()) {
            return Result.fail("empty spec string", null);
        }
        if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
            int eq = spec.indexOf('=');
            int sp = spec.indexOf(' ');
            // robfig slices up to the first space; without one it would crash, so take the rest.
            String zone = sp < 0 ? spec.substring(eq + 1) : spec.substring(eq + 1, Math.max(sp, eq + 1));
            String loadError = goLoadLocation(zone);
            if (loadError != null) {
                return Result.fail("provided bad location " + zone + ": " + loadError, null);
            }
            spec = sp < 0 ? "" : goTrimSpace(spec.substring(sp));
        }
        if (spec.startsWith("@")) {
            return parseDescriptor(original, spec);
        }
        List<String> fields = goFields(spec);
        if (fields.size() != 5) {
            return Result.fail("expected exactly 5 fields, found " + fields.size() + ": ["
                    + String.join(" ", fields) + "]", null);
        }
        Bounds[] bounds = {MINUTES, HOURS, DOM, MONTHS, DOW};
        long[] bits = new long[5];
        for (int i = 0; i < 5; i++) {
            try {
                bits[i] = getField(fields.get(i), bounds[i]);
            } catch (FieldException e) {
                return Result.fail(e.getMessage(), bounds[i].field);
            }
        }
        return Result.ok(new CronSchedule(original, bits[0], bits[1], bits[2], bits[3], bits[4]));
    }

    private static Result parseDescriptor(String original, String descriptor) {
        long allDom = bitsOf(DOM.min, DOM.max, 1) | STAR_BIT;
        long allMonths = bitsOf(MONTHS.min, MONTHS.max, 1) | STAR_BIT;
        long allDow = bitsOf(DOW.min, DOW.max, 1) | STAR_BIT;
        long allHours = bitsOf(HOURS.min, HOURS.max, 1) | STAR_BIT;
        switch (descriptor) {
            case "@yearly", "@annually" -> {
                return Result.ok(new CronSchedule(original, 1L, 1L, 1L << 1, 1L << 1, allDow));
            }
            case "@monthly" -> {
                return Result.ok(new CronSchedule(original, 1L, 1L, 1L << 1, allMonths, allDow));
            }
            case "@weekly" -> {
                return Result.ok(new CronSchedule(original, 1L, 1L, allDom, allMonths, 1L));
            }
            case "@daily", "@midnight" -> {
                return Result.ok(new CronSchedule(original, 1L, 1L, allDom, allMonths, allDow));
            }
            case "@hourly" -> {
                return Result.ok(new CronSchedule(original, 1L, allHours, allDom, allMonths, allDow));
            }
            default -> {
                // fall through to @every
            }
        }
        String every = "@every ";
        if (descriptor.startsWith(every)) {
            long nanos;
            try {
                nanos = GoDuration.parseNanos(descriptor.substring(every.length()));
            } catch (GoDuration.DurationException e) {
                return Result.fail("failed to parse duration " + descriptor + ": " + e.getMessage(), null);
            }
            // robfig's Every: at least one second, truncated to whole seconds.
            long delay = nanos < NANOS_PER_SECOND ? NANOS_PER_SECOND : nanos - nanos % NANOS_PER_SECOND;
            return Result.ok(new CronSchedule(original, delay));
        }
        return Result.fail("unrecognized descriptor: " + descriptor, null);
    }

    private static long getField(String field, Bounds r) throws FieldException {
        long bits = 0;
        for (String expr : field.split(",")) {
            if (!expr.isEmpty()) {
                bits |= getRange(expr, r);
            }
        }
        return bits;
    }

    private static long getRange(String expr, Bounds r) throws FieldException {
        String[] rangeAndStep = expr.split("/", -1);
        String[] lowAndHigh = rangeAndStep[0].split("-", -1);
        boolean singleDigit = lowAndHigh.length == 1;
        long start;
        long end;
        long step;
        long extra = 0;
        if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
            start = r.min;
            end = r.max;
            extra = STAR_BIT;
        } else {
            start = parseIntOrName(lowAndHigh[0], r.names);
            switch (lowAndHigh.length) {
                case 1 -> end = start;
                case 2 -> end = parseIntOrName(lowAndHigh[1], r.names);
                default -> throw new FieldException("too many hyphens: " + expr);
            }
        }
        switch (rangeAndStep.length) {
            case 1 -> step = 1;
            case 2 -> {
                step = mustParseInt(rangeAndStep[1]);
                // "N/step" means "N-max/step".
                if (singleDigit) {
                    end = r.max;
                }
                if (step > 1) {
                    extra = 0;
                }
            }
            default -> throw new FieldException("too many slashes: " + expr);
        }
        if (start < r.min) {
            throw new FieldException("beginning of range (" + start + ") below minimum (" + r.min + "): " + expr);
        }
        if (end > r.max) {
            throw new FieldException("end of range (" + end + ") above maximum (" + r.max + "): " + expr);
        }
        if (start > end) {
            throw new FieldException("beginning of range (" + start + ") beyond end of range (" + end + "): " + expr);
        }
        if (step == 0) {
            throw new FieldException("step of range should be a positive number: " + expr);
        }
        return bitsOf((int) start, (int) end, step) | extra;
    }

    private static long parseIntOrName(String expr, Map<String, Integer> names) throws FieldException {
        if (names != null) {
            Integer named = names.get(expr.toLowerCase(Locale.ROOT));
            if (named != null) {
                return named;
            }
        }
        return mustParseInt(expr);
    }

    /** robfig's {@code mustParseInt}: Go's {@code strconv.Atoi}, then no negatives. */
    private static long mustParseInt(String expr) throws FieldException {
        int i = 0;
        if (!expr.isEmpty() && (expr.charAt(0) == '+' || expr.charAt(0) == '-')) {
            i = 1;
        }
        boolean syntax = i < expr.length();
        for (int j = i; j < expr.length() && syntax; j++) {
            char c = expr.charAt(j);
            syntax = c >= '0' && c <= '9';
        }
        String atoi = "strconv.Atoi: parsing " + Messages.goQuote(expr) + ": ";
        if (!syntax) {
            throw new FieldException("failed to parse int from " + expr + ": " + atoi + "invalid syntax");
        }
        long num;
        try {
            num = Long.parseLong(expr.charAt(0) == '+' ? expr.substring(1) : expr);
        } catch (NumberFormatException e) {
            throw new FieldException("failed to parse int from " + expr + ": " + atoi + "value out of range");
        }
        if (num < 0) {
            throw new FieldException("negative number (" + num + ") not allowed: " + expr);
        }
        return num;
    }

    private static long bitsOf(int min, int max, long step) {
        long bits = 0;
        for (long i = min; i <= max; i += step) {
            bits |= 1L << i;
            if (max - i < step) {
                break;
            }
        }
        return bits;
    }

    /** Go's {@code strings.Fields}: split around runs of Unicode white space. */
    private static List<String> goFields(String s) {
        List<String> fields = new ArrayList<>(5);
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && isGoSpace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isGoSpace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                fields.add(s.substring(start, i));
            }
        }
        return fields;
    }

    /** Go's {@code strings.TrimSpace}. */
    private static String goTrimSpace(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isGoSpace(s.charAt(from))) {
            from++;
        }
        while (to > from && isGoSpace(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isGoSpace(char c) {
        return switch (c) {
            case '\t', '\n', '\u000b', '\f', '\r', ' ', '\u0085', '\u00a0' -> true;
            default -> c > 0xff && Character.isSpaceChar(c);
        };
    }

    /**
     * Go's {@code time.LoadLocation} against the tz database: {@code ""}, {@code "UTC"} and
     * {@code "Local"} always load; anything else must be a zone name in the database (Java's
     * tzdb, which ships the same IANA data). Offsets that {@link ZoneId#of} would accept, such as
     * {@code +01:00} or {@code UTC+1}, are not zone names.
     *
     * @return Go's error message, or null when the location loads
     */
    private static String goLoadLocation(String name) {
        if (name.isEmpty() || name.equals("UTC") || name.equals("Local")) {
            return null;
        }
        if (name.contains("..") || name.charAt(0) == '/' || name.charAt(0) == '\\') {
            return "time: invalid location name";
        }
        return AvailableZones.IDS.contains(name) ? null : "unknown time zone " + name;
    }

    /**
     * The tz database names: Java's, less the {@code SystemV/*} names that tzdata dropped, plus the
     * backward-compatible names tzdata keeps but Java leaves out ({@code EST}, {@code MST},
     * {@code HST}, {@code ROC}, {@code GMT+0}, {@code GMT-0}).
     */
    private static final class AvailableZones {
        static final Set<String> IDS;

        static {
            Set<String> ids = new HashSet<>(ZoneId.getAvailableZoneIds());
            ids.removeIf(id -> id.startsWith("SystemV/"));
            ids.addAll(List.of("EST", "MST", "HST", "ROC", "GMT+0", "GMT-0"));
            IDS = Set.copyOf(ids);
        }
    }
}
