/**
 * The gateway agent, {@code sup-agent}: a small daemon on each gateway that answers a campaign's
 * {@code gateway.sup.update} over TR50 on MQTT. It fetches the package with resume and checks,
 * runs {@code sup-installer} as a separate process, and reports its result exactly once; every
 * step is kept on disk so that a kill or a power loss at any point ends in one report.
 */
package org.suptools.agent;
