package org.suptools.agent.download;

import java.io.IOException;
import org.suptools.tr50.FileGetResult;

/** {@code file.get} for a Developer File: a fresh, single-use file id with the file's size and CRC-32. */
@FunctionalInterface
public interface FileIds {

    /**
     * @throws PortalRefusal when the portal answers with a failure (such as -90008, not found)
     * @throws IOException when the portal cannot be reached
     */
    FileGetResult get(String fileName) throws PortalRefusal, IOException, InterruptedException;
}
