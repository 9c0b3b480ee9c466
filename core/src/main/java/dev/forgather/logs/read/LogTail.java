package dev.forgather.logs.read;

import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.LogSnapshot;

/**
 * One format's way of following a log that is still being written: it remembers what it read and
 * the file's identity, and on each {@link #poll()} reads only what changed, as far as the format
 * allows (the Forgather log from the end of its last complete record; formats whose writers
 * rewrite the whole file, again whole when it changed). Not thread-safe: one thread polls; the
 * snapshots it returns may be read by any thread.
 */
public interface LogTail {
    /**
     * Brings what was read up to date with the file.
     *
     * @throws LogReadException when the file cannot be read now (e.g. it is missing for a moment
     *     while the writer replaces it); what was read before is kept, and the next poll tries again
     */
    LogSnapshot poll() throws LogReadException;
}
