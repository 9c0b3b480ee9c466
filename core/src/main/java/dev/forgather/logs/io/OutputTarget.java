package dev.forgather.logs.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A file a command writes, written so that it never costs the user a file:
 *
 * <ul>
 *   <li>{@link #checked} refuses an output that is one of the logs being read (compared after
 *       resolving symlinks and {@code ..}, and by file identity, so a hard link is caught too), or
 *       an existing file that is a training log of any format;
 *   <li>a regular file is written to a temporary file beside its real target and renamed into
 *       place, so a failure leaves no half-written file and the previous content intact;
 *   <li>through a symlink, the link's target is written and the link kept, as
 *       {@code sed --follow-symlinks} and git do;
 *   <li>anything that is not a regular file (a device such as {@code /dev/null} or
 *       {@code /dev/stdout}, a FIFO, {@code /dev/fd/N}, a file under {@code /proc}) is written
 *       to directly, never replaced;
 *   <li>a new file gets the permissions the user's umask gives (as {@code >} in a shell would);
 *       a replaced one keeps its permissions, and its owner and group where the user may set them.
 * </ul>
 */
public final class OutputTarget {
    /** Beyond this many links in a row the target is taken to loop, as the kernel's ELOOP does. */
    private static final int MAX_LINKS = 40;

    private static final Path PROC = Path.of("/proc");

    private final Path path;

    private OutputTarget(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /** What writes the content; it is handed an unbuffered stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * A target written with the rules above but not checked against any input: for writing a file
     * that no log is read from.
     */
    public static OutputTarget of(Path path) {
        return new OutputTarget(path);
    }

    /**
     * A target that is none of {@code reading} and no training log.
     *
     * @param path the output, as given
     * @param reading the logs being read, files or folders, as given or as loaded
     * @param isLog whether an existing regular file (given by its real path) is a training log
     * @throws OutputRefusedException when writing {@code path} would replace one of {@code reading}
     *     or a training log
     * @throws IOException when the path or an input cannot be inspected
     */
    public static OutputTarget checked(Path path, Collection<Path> reading, Predicate<Path> isLog) throws IOException {
        Path target = resolveLinks(path).target;
        if (Files.exists(target)) {
            Path real = target.toRealPath();
            Object key = fileKey(real);
            Set<Path> inputPaths = new HashSet<>();
            Set<Object> inputKeys = new HashSet<>();
            for (Path input : reading) {
                if (Files.exists(input)) {
                    inputPaths.add(input.toRealPath());
                    Object inputKey = fileKey(input);
                    if (inputKey != null) {
                        inputKeys.add(inputKey);
                    }
                }
            }
            if (inputPaths.contains(real) || (key != null && inputKeys.contains(key))) {
                throw new OutputRefusedException(path, "is one of the logs being read");
            }
            if (Files.isRegularFile(real) && isLog.test(real)) {
                throw new OutputRefusedException(path, "is a training log: refusing to overwrite it");
            }
        }
        return new OutputTarget(path);
    }

    /** The output, as given. */
    public Path path() {
        return path;
    }

    /** Writes {@code text} as UTF-8. */
    public void write(String text) throws IOException {
        write(out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Writes what {@code content} produces, creating the target's folders.
     *
     * @throws IOException when it cannot be written; a regular file is then left as it was and no
     *     temporary file stays behind
     */
    public void write(Content content) throws IOException {
        Resolved resolved = resolveLinks(path);
        Path target = resolved.target;
        if (Files.isDirectory(target)) {
            throw new IOException("is a directory");
        }
        // Some writers (CSV) report I/O errors unchecked; the caller sees them as what they are.
        Content checkedContent = out -> {
            try {
                content.writeTo(out);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        };
        if (resolved.throughProc || (Files.exists(target) && !Files.isRegularFile(target))) {
            writeThrough(checkedContent);
        } else {
            writeAtomically(target, checkedContent);
        }
    }

    /**
     * A device or FIFO is opened and written like any program would; it cannot be renamed over
     * without destroying it. A regular file reached through {@code /proc} ({@code /dev/stdout}
     * redirected to a file) is appended to, so that nothing already in it is overwritten.
     */
    private void writeThrough(Content content) throws IOException {
        OpenOption[] options = Files.isRegularFile(path)
                ? new OpenOption[] {StandardOpenOption.WRITE, StandardOpenOption.APPEND}
                : new OpenOption[] {StandardOpenOption.WRITE};
        try (OutputStream out = Files.newOutputStream(path, options)) {
            content.writeTo(out);
        }
    }

    private static void writeAtomically(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        boolean posix = Files.getFileStore(folder).supportsFileAttributeView(PosixFileAttributeView.class);
        PosixFileAttributes previous =
                posix && Files.exists(absolute) ? Files.readAttributes(absolute, PosixFileAttributes.class) : null;
        // The mode given at creation is masked by the umask, as for any new file; a replaced
        // file's own mode is set once the content is written.
        FileAttribute<?>[] mode = !posix
                ? new FileAttribute<?>[0]
                : new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString(previous != null ? "rw-------" : "rw-rw-rw-"))
                };
        Path temporary = Files.createTempFile(folder, "." + absolute.getFileName(), ".tmp", mode);
        boolean done = false;
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                content.writeTo(out);
                out.flush();
                // On disk before the rename: a crash must not leave an empty file where the old one was.
                channel.force(true);
            }
            if (previous != null) {
                keepAttributes(previous, temporary);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    private static void keepAttributes(PosixFileAttributes previous, Path temporary) throws IOException {
        Files.setPosixFilePermissions(temporary, previous.permissions());
        PosixFileAttributeView view = Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
        PosixFileAttributes now = view.readAttributes();
        try {
            if (!now.group().equals(previous.group())) {
                view.setGroup(previous.group());
            }
            if (!now.owner().equals(previous.owner())) {
                view.setOwner(previous.owner());
            }
        } catch (IOException e) {
            // Only the owner's group membership or root allows these; the file is the user's own then.
        }
        // Changing the owner clears set-id bits on some systems: set the mode again.
        Files.setPosixFilePermissions(temporary, previous.permissions());
    }

    /**
     * The file a chain of symlinks ends at, its folders resolved, and whether the chain passes
     * through /proc.
     */
    private record Resolved(Path target, boolean throughProc) {}

    private static Resolved resolveLinks(Path given) throws IOException {
        Path p = withRealFolder(given.toAbsolutePath());
        boolean throughProc = p.startsWith(PROC);
        for (int links = 0; Files.isSymbolicLink(p); links++) {
            if (links == MAX_LINKS) {
                throw new FileSystemException(given.toString(), null, "too many levels of symbolic links");
            }
            p = withRealFolder(p.getParent().resolve(Files.readSymbolicLink(p)));
            throughProc |= p.startsWith(PROC);
        }
        return new Resolved(p, throughProc);
    }

    /** {@code p} with its folder's real path: the file itself may be a link, or not exist yet. */
    private static Path withRealFolder(Path p) throws IOException {
        Path parent = p.getParent();
        Path name = p.getFileName();
        if (parent == null || name.toString().equals("..") || name.toString().equals(".")) {
            return real(p);
        }
        return real(parent).resolve(name);
    }

    /**
     * The real path of {@code p}, or of its longest existing part followed by the rest with
     * {@code .} and {@code ..} applied: the folders it would be written to once they are created
     * ({@code out/new/../trainer_logs.json} is {@code out/trainer_logs.json}).
     */
    private static Path real(Path p) throws IOException {
        if (Files.exists(p)) {
            return p.toRealPath();
        }
        Path parent = p.getParent();
        if (parent == null) {
            return p;
        }
        Path base = real(parent);
        return switch (p.getFileName().toString()) {
            case "." -> base;
            case ".." -> base.getParent() != null ? base.getParent() : base;
            default -> base.resolve(p.getFileName());
        };
    }

    private static Object fileKey(Path p) throws IOException {
        return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
    }
}
