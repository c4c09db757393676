package org.suptools.portal.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.portal.MutableClock;
import org.suptools.portal.store.DataDir;
import org.suptools.portal.store.Things;

class BrokerAccessTest {

    @TempDir
    Path dir;

    private BrokerAccess access;
    private PortalCredentials portal;
    private Things things;

    @BeforeEach
    void aThing() {
        DataDir data = new DataDir(dir);
        things = new Things(data, MutableClock.startingAt("2026-03-01T10:00:00Z"));
        things.put("gw-1", "token-1", "app-1");
        portal = PortalCredentials.of(data);
        access = new BrokerAccess(things, portal, "fleet/one");
    }

    private BrokerAccess.Decision connect(String clientId, String user, String password) {
        return access.decide(clientId, Optional.ofNullable(user),
                Optional.ofNullable(password).map(p -> p.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void deletedThing_isRefusedAtItsNextConnect() {
        new org.suptools.portal.store.Deletions(new DataDir(dir), MutableClock.startingAt("2026-03-01T10:00:00Z"))
                .deleteThing("gw-1");

        assertThat(connect("app-1", "gw-1", "token-1")).isInstanceOf(BrokerAccess.Decision.Refused.class);
    }

    @Test
    void thing_withItsCredentialsGetsOnlyItsOwnTopics() {
        assertThat(connect("app-1", "gw-1", "token-1")).isEqualTo(new BrokerAccess.Decision.Allowed("fleet/one/gw-1/#"));
    }

    @Test
    void thing_withAWrongTokenAppIdOrKeyOrNoPasswordIsRefused() {
        assertThat(connect("app-1", "gw-1", "token-2")).isInstanceOf(BrokerAccess.Decision.Refused.class);
        assertThat(connect("app-2", "gw-1", "token-1")).isInstanceOf(BrokerAccess.Decision.Refused.class);
        assertThat(connect("app-1", "gw-2", "token-1")).isInstanceOf(BrokerAccess.Decision.Refused.class);
        assertThat(connect("app-1", "gw-1", null)).isInstanceOf(BrokerAccess.Decision.Refused.class);
        assertThat(connect("app-1", null, null)).isInstanceOf(BrokerAccess.Decision.Refused.class);
        assertThat(connect("app-1", "../gw-1", "token-1")).isInstanceOf(BrokerAccess.Decision.Refused.class);
    }

    @Test
    void portal_withItsPasswordGetsEveryThingsTopicsAndWithAnotherIsRefused() {
        assertThat(connect("sup-portal-fleet", "sup-portal", portal.password()))
                .isEqualTo(new BrokerAccess.Decision.Allowed("fleet/one/#"));
        assertThat(connect("sup-portal-fleet", "sup-portal", "guess")).isInstanceOf(BrokerAccess.Decision.Refused.class);
    }

    @Test
    void thingAddedWhileServing_canConnectAtOnce() {
        things.put("gw-2", "token-2", "app-2");

        assertThat(connect("app-2", "gw-2", "token-2")).isEqualTo(new BrokerAccess.Decision.Allowed("fleet/one/gw-2/#"));
    }
}
