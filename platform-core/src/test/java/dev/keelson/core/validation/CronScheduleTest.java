package dev.keelson.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronScheduleTest {

    static final String TZ_MSG = "cannot use TZ or CRON_TZ in schedule, use timeZone field instead";

    private static ZonedDateTime utc(String iso) {
        return ZonedDateTime.parse(iso + "Z").withZoneSameInstant(ZoneOffset.UTC);
    }

    @ParameterizedTest
    @ValueSource(strings = {"* * * * *", "0 3 * * *", "*/15 9-17 * * MON-FRI", "0 0 1 JAN *", "0 0 ? * sun",
        "5,10,15-20/2 * * * *", "0 0 1-7 * 1", "30 4 1,15 * 5", "0 12 * DEC SAT", "0 0 29 2 *", "@yearly",
        "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly", "@every 1h30m", "@every 90s",
        "*/1 * * * *", "0-59/20 0-23/6 */2 1-12/3 0-6/2", "5/15 * * * *", "+5 * * * *", "0 0 * * Mon-fri",
        "  0   0  *  *  *  ", "0\t0\t*\t*\t*", ",,0 * * * *", "*-5 * * * *"})
    void acceptsWhatParseStandardAccepts(String expression) {
        assertThat(CronSchedule.validate(expression)).isEmpty();
        CronSchedule schedule = CronSchedule.parse(expression);
        assertThat(schedule.expression()).isEqualTo(expression);
        assertThat(schedule).hasToString(expression);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''| empty spec string",
        "'   '| expected exactly 5 fields, found 0: []",
        "* * * *| expected exactly 5 fields, found 4: [* * * *]",
        "0 * * * * *| expected exactly 5 fields, found 6: [0 * * * * *]",
        "60 * * * *| end of range (60) above maximum (59): 60",
        "* 24 * * *| end of range (24) above maximum (23): 24",
        "* * 0 * *| beginning of range (0) below minimum (1): 0",
        "* * 32 * *| end of range (32) above maximum (31): 32",
        "* * * 13 *| end of range (13) above maximum (12): 13",
        "* * * 0 *| beginning of range (0) below minimum (1): 0",
        "* * * * 7| end of range (7) above maximum (6): 7",
        "5-3 * * * *| beginning of range (5) beyond end of range (3): 5-3",
        "*/0 * * * *| step of range should be a positive number: */0",
        "1-2-3 * * * *| too many hyphens: 1-2-3",
        "*/2/3 * * * *| too many slashes: */2/3",
        "a * * * *| failed to parse int from a: strconv.Atoi: parsing \"a\": invalid syntax",
        "-5 * * * *| failed to parse int from : strconv.Atoi: parsing \"\": invalid syntax",
        "*/x * * * *| failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax",
        "* * * FOO *| failed to parse int from FOO: strconv.Atoi: parsing \"FOO\": invalid syntax",
        "* * * * MON-FOO| failed to parse int from FOO: strconv.Atoi: parsing \"FOO\": invalid syntax",
        "* * JAN * *| failed to parse int from JAN: strconv.Atoi: parsing \"JAN\": invalid syntax",
        "99999999999999999999 * * * *| failed to parse int from 99999999999999999999: strconv.Atoi: parsing "
            + "\"99999999999999999999\": value out of range",
        "@foo| unrecognized descriptor: @foo",
        "'@daily '|'unrecognized descriptor: @daily '",
        "@every| unrecognized descriptor: @every",
        "@every 1x| failed to parse duration @every 1x: time: unknown unit \"x\" in duration \"1x\"",
        "@every 10| failed to parse duration @every 10: time: missing unit in duration \"10\"",
        "@every h| failed to parse duration @every h: time: invalid duration \"h\"",
        "@every 1d| failed to parse duration @every 1d: time: unknown unit \"d\" in duration \"1d\"",
    })
    void rejectsWithRobfigMessages(String expression, String message) {
        assertThat(CronSchedule.validate(expression)).containsExactly(message);
        assertThatThrownBy(() -> CronSchedule.parse(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid cron schedule \"" + expression + "\": ")
                .hasMessageEndingWith(message);
    }

    @Test
    void parseNamesTheFieldAtFault() {
        assertThatThrownBy(() -> CronSchedule.parse("0 25 * * *"))
                .hasMessage("invalid cron schedule \"0 25 * * *\": hour field: "
                        + "end of range (25) above maximum (23): 25");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 * * 8"))
                .hasMessage("invalid cron schedule \"0 0 * * 8\": day of week field: "
                        + "end of range (8) above maximum (6): 8");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 L * *"))
                .hasMessageContaining("day of month field: failed to parse int from L");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 1 Foo *")).hasMessageContaining("month field: ");
        assertThatThrownBy(() -> CronSchedule.parse("x 0 1 * *")).hasMessageContaining("minute field: ");
    }

    @Test
    void rejectsTimeZonesInTheSchedule() {
        assertThat(CronSchedule.validate("TZ=UTC 0 * * * *")).containsExactly(TZ_MSG);
        assertThat(CronSchedule.validate("CRON_TZ=Europe/Berlin 0 3 * * *")).containsExactly(TZ_MSG);
        assertThat(CronSchedule.validate("CRON_TZ=Mars/Olympus 0 3 * * *")).containsExactly(
                "provided bad location Mars/Olympus: unknown time zone Mars/Olympus", TZ_MSG);
        assertThat(CronSchedule.validate("TZ=UTC 0 3 * *"))
                .containsExactly("expected exactly 5 fields, found 4: [0 3 * *]", TZ_MSG);
        assertThat(CronSchedule.validate("TZ=UTC @daily")).containsExactly(TZ_MSG);
        assertThatThrownBy(() -> CronSchedule.parse("TZ=UTC 0 * * * *"))
                .hasMessage("invalid cron schedule \"TZ=UTC 0 * * * *\": " + TZ_MSG);
    }

    @ParameterizedTest
    @CsvSource({
        "* * * * *, 2024-01-31T10:07:30, 2024-01-31T10:08:00",
        "* * * * *, 2024-01-31T10:07:00, 2024-01-31T10:08:00",
        "0 * * * *, 2024-01-31T10:00:00, 2024-01-31T11:00:00",
        "30 2 * * *, 2024-01-31T03:00:00, 2024-02-01T02:30:00",
        "*/15 9-17 * * MON-FRI, 2024-02-02T17:50:00, 2024-02-05T09:00:00",
        "0 0 29 2 *, 2024-03-01T00:00:00, 2028-02-29T00:00:00",
        "0 12 31 * *, 2024-04-01T00:00:00, 2024-05-31T12:00:00",
        "@hourly, 2024-12-31T23:59:59, 2025-01-01T00:00:00",
        "@daily, 2024-01-31T00:00:00, 2024-02-01T00:00:00",
        "@weekly, 2024-01-31T00:00:00, 2024-02-04T00:00:00",
        "@monthly, 2024-01-31T00:00:00, 2024-02-01T00:00:00",
        "@yearly, 2024-01-31T00:00:00, 2025-01-01T00:00:00",
        "0 0 1 * *, 2024-01-31T00:00:00, 2024-02-01T00:00:00",
        // day-of-month and day-of-week both restricted: either one fires
        "0 0 13 * FRI, 2024-01-01T00:00:00, 2024-01-05T00:00:00",
        "0 0 13 * FRI, 2024-01-12T00:00:00, 2024-01-13T00:00:00",
        // a star (or "?") on either side makes it "and"
        "0 0 * * FRI, 2024-01-01T00:00:00, 2024-01-05T00:00:00",
        "0 0 ? * 1, 2024-01-01T00:00:00, 2024-01-08T00:00:00",
        // "*/2" has no star bit in robfig, so day-of-week still widens it with "or"
        "0 0 */2 * 1, 2024-01-01T00:00:00, 2024-01-03T00:00:00",
        "0 0 */2 * 1, 2024-01-07T12:00:00, 2024-01-08T00:00:00",
        "0 0 */1 * 1, 2024-01-02T00:00:00, 2024-01-08T00:00:00",
        "59 23 31 DEC *, 2024-12-31T23:59:00, 2025-12-31T23:59:00",
        "0 0 * 2 *, 2024-02-29T23:00:00, 2025-02-01T00:00:00",
    })
    void nextFireTimes(String expression, String after, String expected) {
        assertThat(CronSchedule.parse(expression).next(utc(after))).isEqualTo(utc(expected));
    }

    @Test
    void nextReturnsNullForSchedulesThatNeverFire() {
        assertThat(CronSchedule.parse("0 0 30 2 *").next(utc("2024-01-01T00:00:00"))).isNull();
        assertThat(CronSchedule.parse("0 0 31 4,6,9,11 *").next(utc("2024-01-01T00:00:00"))).isNull();
        assertThat(CronSchedule.parse(", * * * *").next(utc("2024-01-01T00:00:00"))).isNull();
    }

    @Test
    void nextStaysInTheCallersZone() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ZonedDateTime after = ZonedDateTime.of(2024, 6, 1, 10, 0, 0, 0, berlin);
        ZonedDateTime next = CronSchedule.parse("0 3 * * *").next(after);
        assertThat(next).isEqualTo(ZonedDateTime.of(2024, 6, 2, 3, 0, 0, 0, berlin));
        assertThat(next.getZone()).isEqualTo(berlin);
    }

    @Test
    void aWallClockTimeSkippedByDaylightSavingIsSkipped() {
        // Europe/Berlin jumps from 02:00 to 03:00 on 2024-03-31; robfig moves on to the next day.
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ZonedDateTime after = ZonedDateTime.of(2024, 3, 30, 12, 0, 0, 0, berlin);
        CronSchedule schedule = CronSchedule.parse("30 2 * * *");
        assertThat(schedule.next(after)).isEqualTo(ZonedDateTime.of(2024, 4, 1, 2, 30, 0, 0, berlin));
        assertThat(CronSchedule.parse("0 * * * *").next(ZonedDateTime.of(2024, 3, 31, 1, 30, 0, 0, berlin)))
                .isEqualTo(ZonedDateTime.of(2024, 3, 31, 3, 0, 0, 0, berlin));
    }

    @Test
    void everyAddsItsDelayDroppingSubSecondParts() {
        ZonedDateTime after = utc("2024-01-31T10:07:30").plusNanos(250_000_000);
        assertThat(CronSchedule.parse("@every 1h30m").next(after)).isEqualTo(utc("2024-01-31T11:37:30"));
        assertThat(CronSchedule.parse("@every 1.5s").next(after)).isEqualTo(utc("2024-01-31T10:07:31"));
        assertThat(CronSchedule.parse("@every 10ms").next(after)).isEqualTo(utc("2024-01-31T10:07:31"));
        assertThat(CronSchedule.parse("@every -5m").next(after)).isEqualTo(utc("2024-01-31T10:07:31"));
        assertThat(CronSchedule.parse("@every 0").next(after)).isEqualTo(utc("2024-01-31T10:07:31"));
        assertThat(CronSchedule.parse("@every 1h").matches(after)).isFalse();
    }

    @Test
    void matchesChecksEveryField() {
        CronSchedule schedule = CronSchedule.parse("*/15 9-17 * * MON-FRI");
        assertThat(schedule.matches(utc("2024-02-05T09:45:00"))).isTrue();
        assertThat(schedule.matches(utc("2024-02-05T09:46:00"))).isFalse();
        assertThat(schedule.matches(utc("2024-02-05T18:00:00"))).isFalse();
        assertThat(schedule.matches(utc("2024-02-04T10:00:00"))).isFalse();
    }

    @Test
    void equalityFollowsTheExpression() {
        assertThat(CronSchedule.parse("0 3 * * *")).isEqualTo(CronSchedule.parse("0 3 * * *"))
                .hasSameHashCodeAs(CronSchedule.parse("0 3 * * *"))
                .isNotEqualTo(CronSchedule.parse("0 3 * * ?"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Europe/Berlin", "America/New_York", "America/Argentina/Buenos_Aires",
        "Asia/Kolkata", "Etc/GMT+1", "Etc/UTC", "GMT", "EST", "EST5EDT", "Australia/Lord_Howe"})
    void acceptsIanaTimeZones(String zone) {
        assertThat(CronSchedule.validateTimeZone(zone)).isEmpty();
    }

    @Test
    void validateTimeZoneTreatsNullAsUnset() {
        assertThat(CronSchedule.validateTimeZone(null)).isEmpty();
    }

    @Test
    void rejectsTimeZonesAsKubernetesDoes() {
        assertThat(CronSchedule.validateTimeZone("")).containsExactly("timeZone must be nil or non-empty string");
        assertThat(CronSchedule.validateTimeZone("Local")).containsExactly(
                "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones");
        assertThat(CronSchedule.validateTimeZone("local")).containsExactly(
                "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones",
                "unknown time zone local");
        assertThat(CronSchedule.validateTimeZone("+01:00")).containsExactly("unknown time zone +01:00");
        assertThat(CronSchedule.validateTimeZone("UTC+1")).containsExactly("unknown time zone UTC+1");
        assertThat(CronSchedule.validateTimeZone("Z")).containsExactly("unknown time zone Z");
        assertThat(CronSchedule.validateTimeZone("Mars/Olympus")).containsExactly("unknown time zone Mars/Olympus");
        assertThat(CronSchedule.validateTimeZone("europe/berlin")).containsExactly("unknown time zone europe/berlin");
        assertThat(CronSchedule.validateTimeZone("../etc/passwd")).containsExactly("unknown time zone ../etc/passwd");
        assertThat(CronSchedule.validateTimeZone("Europe/-Berlin")).containsExactly("unknown time zone Europe/-Berlin");
        assertThat(CronSchedule.validateTimeZone("America/Argentina_Buenos_Aires"))
                .containsExactly("unknown time zone America/Argentina_Buenos_Aires");
        assertThat(CronSchedule.validateTimeZone("SystemV/EST5")).containsExactly("unknown time zone SystemV/EST5");
    }
}
