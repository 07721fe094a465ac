package dev.keelson.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Kept quick: a few hundred tries per property. */
@PropertyDefaults(tries = 300)
class CronSchedulePropertiesTest {

    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
        "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

    /** One generated field: its text, the values it allows, and whether robfig marks it with a star. */
    record Field(String text, BitSet values, boolean star) {
    }

    record Spec(Field minute, Field hour, Field dom, Field month, Field dow) {
        String expression() {
            return String.join(" ", minute.text, hour.text, dom.text, month.text, dow.text);
        }

        boolean dayMatches(ZonedDateTime t) {
            boolean domMatch = dom.values.get(t.getDayOfMonth());
            boolean dowMatch = dow.values.get(t.getDayOfWeek().getValue() % 7);
            return dom.star || dow.star ? domMatch && dowMatch : domMatch || dowMatch;
        }

        boolean matches(ZonedDateTime t) {
            return month.values.get(t.getMonthValue()) && dayMatches(t) && hour.values.get(t.getHour())
                    && minute.values.get(t.getMinute());
        }
    }

    private static String value(int v, String[] names, boolean useName) {
        return useName && names != null ? names[names == MONTHS ? v - 1 : v] : String.valueOf(v);
    }

    /** One comma-separated item of a field, as text plus the values it allows. */
    @SuppressWarnings("unchecked")
    private static Arbitrary<Field> item(int min, int max, String[] names) {
        Arbitrary<Integer> values = Arbitraries.integers().between(min, max);
        Arbitrary<Boolean> useName = Arbitraries.of(false, false, true);
        Arbitrary<Field> star = Arbitraries.of("*", "?").map(s -> new Field(s, range(min, max, 1), true));
        Arbitrary<Field> single = Combinators.combine(values, useName)
                .as((v, n) -> new Field(value(v, names, n), range(v, v, 1), false));
        Arbitrary<Field> span = Combinators.combine(values, values, useName).as((a, b, n) -> {
            int lo = Math.min(a, b);
            int hi = Math.max(a, b);
            return new Field(value(lo, names, n) + "-" + value(hi, names, n), range(lo, hi, 1), false);
        });
        Arbitrary<Integer> steps = Arbitraries.integers().between(1, max - min + 2);
        Arbitrary<Field> starStep = steps.map(s -> new Field("*/" + s, range(min, max, s), s <= 1));
        Arbitrary<Field> spanStep = Combinators.combine(values, values, steps).as((a, b, s) -> {
            int lo = Math.min(a, b);
            int hi = Math.max(a, b);
            return new Field(lo + "-" + hi + "/" + s, range(lo, hi, s), false);
        });
        Arbitrary<Field> fromStep = Combinators.combine(values, steps)
                .as((a, s) -> new Field(a + "/" + s, range(a, max, s), false));
        return Arbitraries.frequencyOf(
                Tuple.of(3, star), Tuple.of(3, single), Tuple.of(2, span),
                Tuple.of(2, starStep), Tuple.of(1, spanStep),
                Tuple.of(1, fromStep));
    }

    private static Arbitrary<Field> field(int min, int max, String[] names) {
        return item(min, max, names).list().ofMinSize(1).ofMaxSize(3).map(CronSchedulePropertiesTest::join);
    }

    private static Field join(List<Field> items) {
        BitSet values = new BitSet();
        boolean star = false;
        StringBuilder text = new StringBuilder();
        for (Field f : items) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(f.text);
            values.or(f.values);
            star |= f.star;
        }
        return new Field(text.toString(), values, star);
    }

    private static BitSet range(int lo, int hi, int step) {
        BitSet bits = new BitSet();
        for (int i = lo; i <= hi; i += step) {
            bits.set(i);
        }
        return bits;
    }

    @Provide
    Arbitrary<Spec> specs() {
        return Combinators.combine(field(0, 59, null), field(0, 23, null), field(1, 31, null),
                field(1, 12, MONTHS), field(0, 6, DAYS)).as(Spec::new);
    }

    @Provide
    Arbitrary<ZonedDateTime> times() {
        Arbitrary<ZoneId> zones = Arbitraries.of(ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(5, 30),
                ZoneOffset.ofHours(-8), ZoneId.of("Asia/Tokyo"));
        Arbitrary<Instant> instants = Arbitraries.longs()
                .between(Instant.parse("2000-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("2040-01-01T00:00:00Z").getEpochSecond())
                .map(Instant::ofEpochSecond);
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0),
                Arbitraries.integers().between(0, 999_999_999));
        return Combinators.combine(instants, nanos, zones).as((i, n, z) -> i.plusNanos(n).atZone(z));
    }

    @Property
    void generatedSchedulesAreAccepted(@ForAll("specs") Spec spec) {
        assertThat(CronSchedule.validate(spec.expression())).isEmpty();
    }

    @Property
    void nextIsStrictlyLaterAndMatchesTheFields(@ForAll("specs") Spec spec, @ForAll("times") ZonedDateTime after) {
        CronSchedule schedule = CronSchedule.parse(spec.expression());
        ZonedDateTime next = schedule.next(after);
        if (next == null) {
            // Only for schedules with no matching day at all (e.g. the 31st of a 30-day month).
            ZonedDateTime day = after.truncatedTo(ChronoUnit.DAYS);
            for (int i = 0; i < 4 * 366; i++, day = day.plusDays(1)) {
                assertThat(spec.month.values.get(day.getMonthValue()) && spec.dayMatches(day))
                        .as("%s has a day on %s", spec.expression(), day).isFalse();
            }
            return;
        }
        assertThat(next).isAfter(after);
        assertThat(next.getZone()).isEqualTo(after.getZone());
        assertThat(next.getSecond()).isZero();
        assertThat(next.getNano()).isZero();
        assertThat(spec.matches(next)).as("%s at %s", spec.expression(), next).isTrue();
        assertThat(schedule.matches(next)).isTrue();
        // Nothing fires in between (checked over the first day after `after`).
        ZonedDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        for (int i = 0; i < 24 * 60 && t.isBefore(next); i++, t = t.plusMinutes(1)) {
            assertThat(spec.matches(t)).as("%s also fires at %s, before %s", spec.expression(), t, next).isFalse();
        }
    }

    @Property
    void nextOfAFireTimeIsTheFollowingOne(@ForAll("specs") Spec spec, @ForAll("times") ZonedDateTime after) {
        CronSchedule schedule = CronSchedule.parse(spec.expression());
        ZonedDateTime first = schedule.next(after);
        if (first == null) {
            return;
        }
        ZonedDateTime second = schedule.next(first);
        if (second != null) {
            assertThat(second).isAfter(first);
            assertThat(schedule.next(first.minusNanos(1))).isEqualTo(first);
        }
    }

    @Property
    void everyAddsWholeSeconds(@ForAll @IntRange(min = 1, max = 100_000) int seconds,
            @ForAll @LongRange(min = 0, max = 999_999_999) long extraNanos, @ForAll("times") ZonedDateTime after) {
        CronSchedule schedule = CronSchedule.parse("@every " + seconds + "s" + extraNanos + "ns");
        ZonedDateTime next = schedule.next(after);
        assertThat(next).isEqualTo(after.truncatedTo(ChronoUnit.SECONDS).plusSeconds(seconds));
        assertThat(next).isAfter(after);
    }

    @Property
    void outOfRangeValuesAreRejected(@ForAll @IntRange(min = 0, max = 4) int fieldIndex,
            @ForAll @IntRange(min = 0, max = 200) int offset) {
        int[] max = {59, 23, 31, 12, 6};
        String[] fields = {"*", "*", "*", "*", "*"};
        int bad = max[fieldIndex] + 1 + offset;
        fields[fieldIndex] = String.valueOf(bad);
        String expression = String.join(" ", fields);
        assertThat(CronSchedule.validate(expression))
                .containsExactly("end of range (" + bad + ") above maximum (" + max[fieldIndex] + "): " + bad);
    }

    @Property
    void arbitraryTextNeverThrowsFromValidate(@ForAll String any) {
        List<String> problems = CronSchedule.validate(any);
        if (problems.isEmpty()) {
            assertThat(CronSchedule.parse(any).expression()).isEqualTo(any);
        }
    }
}
