package org.suptools.agent.download;

/**
 * A chunk of a payload that arrived with another SHA-256 than its chunk index lists
 * ({@link ChunkScan}).
 *
 * @param payload  the payload's entry name
 * @param chunk    which chunk of it, from 0
 * @param start    the offset of its first byte in the file
 * @param sha256   what arrived
 * @param expected what the index lists
 */
public record DamagedChunk(String payload, int chunk, long start, String sha256, String expected) {

    /** What was found and what is done about it, for a retried problem. */
    public String describe() {
        return "chunk " + chunk + " of " + payload + " (from byte " + start + " of the file) arrived with SHA-256 "
                + sha256 + ", its chunk index lists " + expected + "; it is fetched again from that byte";
    }
}
