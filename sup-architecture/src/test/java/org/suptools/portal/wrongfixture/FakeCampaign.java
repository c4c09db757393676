package org.suptools.portal.wrongfixture;

/** A stand-in for a class of the portal emulator (a fixture, never shipped). */
public final class FakeCampaign {
}
