package org.suptools.workbench.viewmodel;

/** A payload file as the payloads screen lists it; {@code sha256} is empty while it is computed. */
public record PayloadRow(String name, long size, String sha256, String usedBy, boolean unused) {
}
