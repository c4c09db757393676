package org.suptools.cli.wrongfixture;

import org.suptools.portal.wrongfixture.FakeCampaign;

/** Deliberately wrong (a fixture, never shipped): a product module depending on the portal emulator. */
public final class CliUsingThePortal {

    public Class<?> campaign() {
        return FakeCampaign.class;
    }
}
