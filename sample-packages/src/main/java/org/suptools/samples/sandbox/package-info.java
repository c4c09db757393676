/**
 * {@code sup-sandbox}: lays out a sandbox gateway (a gateway config, a runtime home with the sample
 * runtime, a trust store) to try packages on, on a workstation or in tests, and starts its runtime.
 * Demo and test support: the installer does not depend on it; what it writes is an ordinary
 * gateway config, which the installer's own tests load.
 */
package org.suptools.samples.sandbox;
