package dev.forgather.logs.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the command line as a user whose file permissions hold, for the tests of files another user
 * owns ({@code chmod 000}). Not root: in process, as {@link Cli}. Root, which reads every file
 * whatever its mode: in a JVM of its own as {@code nobody} through {@code setpriv}, from a copy of
 * the test classpath in a world-readable temporary folder (nobody cannot read {@code /root/.m2}).
 * Where neither works the test is skipped, with the reason, by a JUnit assumption.
 */
final class Unprivileged {
    private static final String USER = "nobody";
    private static Boolean root;
    private static String classPath;

    private Unprivileged() {}

    /**
     * Skips the calling test, with the reason, unless permissions can be enforced here; then makes
     * {@code dir} and everything in it readable by that user (a JUnit temporary folder is
     * {@code 0700}), so that only the modes a test sets later keep it out.
     */
    static void require(Path dir) throws IOException {
        if (isRoot()) {
            assumeTrue(
                    canSwitchUser(),
                    "running as root, and no way to run as an unprivileged user here (setpriv and the user " + USER
                            + " are needed): permissions are not enforced for root");
        }
        openUp(dir);
    }

    /** Runs {@code forgather args} (after {@link #require}) in {@code workDir}, as a user permissions hold for. */
    static Cli.Result run(Path workDir, String... args) throws IOException, InterruptedException {
        if (!isRoot()) {
            return Cli.run(args);
        }
        List<String> command = new ArrayList<>(List.of(
                "setpriv",
                "--reuid=" + USER,
                "--regid=" + group(),
                "--clear-groups",
                "--",
                java(),
                "-XX:-UsePerfData",
                "-Djava.awt.headless=true",
                "-cp",
                classPath(),
                Main.class.getName()));
        command.addAll(List.of(args));
        File out = File.createTempFile("stdout", ".txt");
        File err = File.createTempFile("stderr", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectOutput(out)
                    .redirectError(err);
            builder.environment().put("LC_ALL", "C.UTF-8");
            builder.environment().put("HOME", workDir.toString());
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("forgather " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new Cli.Result(
                    process.exitValue(),
                    Files.readString(out.toPath(), StandardCharsets.UTF_8),
                    Files.readString(err.toPath(), StandardCharsets.UTF_8));
        } finally {
            out.delete();
            err.delete();
        }
    }

    /** Takes every permission from {@code path} ({@code chmod 000}). */
    static void lock(Path path) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("---------"));
    }

    /** Gives {@code path} back to its owner ({@code chmod 700}), so that the temporary folder can be deleted. */
    static void unlock(Path path) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
    }

    static synchronized boolean isRoot() {
        if (root == null) {
            try {
                root = Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0)
                        || System.getProperty("user.name").equals("root");
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                root = System.getProperty("user.name").equals("root");
            }
        }
        return root;
    }

    private static boolean canSwitchUser() {
        try {
            Process p = new ProcessBuilder("setpriv", "--reuid=" + USER, "--regid=" + group(), "--clear-groups", "true")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code nobody}'s group: {@code nogroup} on Debian, {@code nobody} elsewhere. */
    private static String group() {
        try {
            return Files.readAllLines(Path.of("/etc/group")).stream().anyMatch(l -> l.startsWith("nogroup:"))
                    ? "nogroup"
                    : USER;
        } catch (IOException e) {
            return USER;
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The test classpath copied once into a world-readable temporary folder. */
    private static synchronized String classPath() throws IOException {
        if (classPath == null) {
            Path copy = Files.createTempDirectory("forgather-classpath");
            // About 125 MB: removed when the test JVM ends, not left behind in /tmp.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(copy)));
            List<String> entries = new ArrayList<>();
            int n = 0;
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path from = Path.of(entry);
                if (!Files.exists(from)) {
                    continue;
                }
                Path to = copy.resolve(n++ + "-" + from.getFileName());
                copyTree(from, to);
                entries.add(to.toString());
            }
            openUp(copy);
            classPath = String.join(File.pathSeparator, entries);
        }
        return classPath;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // Best effort: the system cleans /tmp in the end.
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** {@code chmod -R a+rX}: folders 755, files 644. */
    private static void openUp(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.forEach(p -> {
                try {
                    Files.setPosixFilePermissions(
                            p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
