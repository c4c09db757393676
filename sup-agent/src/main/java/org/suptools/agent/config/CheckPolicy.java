package org.suptools.agent.config;

import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent's own update checks (seeds 001 and 004), beside the campaigns the portal sends: whether
 * the daemon and {@code once} ask the portal for the newest release meant for the gateway, when
 * they may check and download ({@code schedule}), when they may install ({@code apply}), and how
 * downloads are slowed ({@code throttle}, every download, campaigns' too). The period and the
 * jitter between checks are {@link AgentConfig#checkPeriod()} and {@link AgentConfig#checkJitter()}.
 *
 * @param enabled whether the daemon and {@code once} check on their own ({@code checkForUpdates})
 * @param schedule when checks and downloads may start; always when absent
 * @param apply when installs may start; always when absent
 * @param throttle how downloads are slowed
 * @param zone the zone the windows are read in: the gateway's
 */
public record CheckPolicy(boolean enabled, Optional<Window> schedule, Optional<Window> apply, Throttle throttle,
        ZoneId zone) {

    /** No checks of its own, no windows, no throttle: the agent before issue 12. */
    public static final CheckPolicy OFF = new CheckPolicy(false, Optional.empty(), Optional.empty(), Throttle.NONE,
            ZoneId.systemDefault());

    public CheckPolicy {
        schedule = schedule == null ? Optional.empty() : schedule;
        apply = apply == null ? Optional.empty() : apply;
        throttle = throttle == null ? Throttle.NONE : throttle;
        Objects.requireNonNull(zone, "zone");
    }
}
