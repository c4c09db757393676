package org.suptools.workbench.service;

import java.nio.file.Path;

/** A payload file of the package being edited: its name relative to the payload directory. */
public record PayloadEntry(String name, Path file, long size) {
}
