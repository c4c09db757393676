package org.suptools.model.spec;

import java.nio.file.Path;

/** A payload file of a spec on disk: its name relative to the payload directory, and where it is. */
public record SpecPayload(String name, Path file, long size) {
}
