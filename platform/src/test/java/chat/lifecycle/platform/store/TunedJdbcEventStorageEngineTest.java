package chat.lifecycle.platform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

/** The stored timestamp's parser reads every text as Axon's own parser does. */
class TunedJdbcEventStorageEngineTest {

    @Test
    void everyInstantAxonWritesIsReadAsAxonReadsIt() {
        Random random = new Random(34);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(253_402_300_800L); // 1970 to the end of 9999
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            String text = DateTimeUtils.formatInstant(Instant.ofEpochSecond(seconds, nanos));

            assertThat(TunedJdbcEventStorageEngine.parse(text)).as(text).isEqualTo(DateTimeUtils.parseInstant(text));
        }
    }

    @Test
    void otherFormsAreReadAsAxonReadsThem() {
        for (String text : List.of("2026-12-05T10:15:30Z", "2026-12-05T10:15:30.5Z", "2026-12-05T10:15:30.12Z",
                "2026-12-05T10:15:30.123+02:00", "2026-12-05t10:15:30.123z", "2024-02-29T23:59:59.999999999Z",
                "1970-01-01T00:00:00.000001Z", "2026-12-05T10:15:30.Z", "2026-12-05T10:15:30.1234567Z",
                "+10000-01-01T00:00:00.000Z")) {
            assertThat(TunedJdbcEventStorageEngine.parse(text)).as(text).isEqualTo(DateTimeUtils.parseInstant(text));
        }
    }

    @Test
    void whatNamesNoInstantIsRefused() {
        for (String text : List.of("2026-02-30T10:15:30.123Z", "2026-12-05T24:15:30.123Z", "2026-13-05T10:15:30Z",
                "2026-12-05T10:15:3x.123Z", "2026-12-05 10:15:30.123Z", "")) {
            assertThatThrownBy(() -> TunedJdbcEventStorageEngine.parse(text)).as(text)
                    .isInstanceOf(DateTimeException.class);
        }
    }
}
