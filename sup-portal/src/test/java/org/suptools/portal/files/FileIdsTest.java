package org.suptools.portal.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.suptools.portal.MutableClock;

class FileIdsTest {

    private final MutableClock clock = MutableClock.startingAt("2026-03-01T10:00:00Z");
    private final FileIds ids = new FileIds(clock, FileIds.DEFAULT_LIFETIME);
    private final FileIds.Download file = new FileIds.Download("a.sup", Path.of("/data/a"), 10);

    @Test
    void claim_givesTheFileOnceOnly() {
        String id = ids.issue(file);

        assertThat(ids.claim(id)).contains(file);
        assertThat(ids.claim(id)).isEmpty();
    }

    @Test
    void claim_refusesAnIdThreeHundredSecondsOld() {
        String id = ids.issue(file);
        clock.advance(Duration.ofSeconds(299));
        String other = ids.issue(file);
        clock.advance(Duration.ofSeconds(1));

        assertThat(ids.claim(id)).isEmpty();
        assertThat(ids.claim(other)).contains(file);
    }

    @Test
    void peek_leavesTheIdForTheGet() {
        String id = ids.issue(file);

        assertThat(ids.peek(id)).contains(file);
        assertThat(ids.claim(id)).contains(file);
        assertThat(ids.peek(id)).isEmpty();
    }

    @Test
    void issue_givesAFreshUnguessableIdEachTime() {
        String a = ids.issue(file);
        String b = ids.issue(file);

        assertThat(a).isNotEqualTo(b).matches("[0-9a-f]{32}");
    }

    @Test
    void lifetime_isConfigurable() {
        FileIds shortLived = new FileIds(clock, Duration.ofSeconds(5));
        String id = shortLived.issue(file);
        clock.advance(Duration.ofSeconds(5));

        assertThat(shortLived.claim(id)).isEmpty();
    }
}
