package dev.forgather.logs.read;

import dev.forgather.logs.model.LogReadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * What one {@code stat} says about a followed file: its size, modification time and identity
 * (the inode on Unix), the way {@code tail -F} tells growth from replacement.
 *
 * @param key the file system's key of the file; null where the file system has none
 */
record FileState(Path path, long size, FileTime modified, Object key) {
    /** Stats {@code path}: one system call. */
    static FileState of(Path path) throws LogReadException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return new FileState(path, attributes.size(), attributes.lastModifiedTime(), attributes.fileKey());
        } catch (IOException e) {
            throw Problems.of(path, e);
        }
    }

    /**
     * Stats {@code path}, which may be absent (SQLite's {@code -wal} file exists only while the
     * database is in use): absent is size -1, time 0 and no key, so that it appearing or
     * disappearing is a change.
     */
    static FileState ofMaybeAbsent(Path path) throws LogReadException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return new FileState(path, attributes.size(), attributes.lastModifiedTime(), attributes.fileKey());
        } catch (NoSuchFileException e) {
            return new FileState(path, -1, FileTime.fromMillis(0), null);
        } catch (IOException e) {
            throw Problems.of(path, e);
        }
    }

    /** Whether this is the same file as {@code before}, not one that was moved or written over it. */
    boolean sameFileAs(FileState before) {
        return key == null || before.key == null || Objects.equals(key, before.key);
    }
}
