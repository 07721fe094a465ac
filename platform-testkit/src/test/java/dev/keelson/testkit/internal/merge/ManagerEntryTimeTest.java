package dev.keelson.testkit.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast reading of managedFields times agrees with {@link Instant#parse} on every input. */
class ManagerEntryTimeTest {

    private static long reference(String time) {
        try {
            return Instant.parse(time).getEpochSecond();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    private static ManagerEntry at(String time) {
        return new ManagerEntry("m", ManagerEntry.UPDATE, "v1", null, time, FieldSet.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
            "2024-02-29T12:34:56Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2023-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-06-30T23:59:60Z", "2026-01-01T00:00:00.5Z",
            "2026-01-01T00:00:00+01:00", "2026-01-01 00:00:00Z", "2026-01-0100:00:00ZZ", "20260101T000000Z", "",
            "garbage", "2026-01-01T00:00:0xZ"})
    void agreesWithInstantParse(String time) {
        assertThat(at(time).epochSeconds()).as(time).isEqualTo(reference(time));
    }

    @Test
    void missingTimeSortsFirst() {
        assertThat(at(null).epochSeconds()).isZero();
    }

    @Test
    void agreesOnEverySecondOfADay() {
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        for (int s = 0; s < 86_400; s += 7) {
            String time = ManagedFields.format(start.plusSeconds(s));
            assertThat(at(time).epochSeconds()).as(time).isEqualTo(reference(time));
        }
    }
}
