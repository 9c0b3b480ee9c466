package dev.forgather.logs.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputTargetTest {
    @TempDir
    Path dir;

    @Test
    void writesTheFileCreatingItsFolders() throws Exception {
        Path target = dir.resolve("a/b/summary.json");
        OutputTarget.of(target).write("{}\n");
        assertThat(target).hasContent("{}");
        // A new file's mode is what the umask leaves, as for a file made by any program.
        Path ordinary = Files.createFile(dir.resolve("ordinary"));
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(ordinary));
    }

    @Test
    void aWriteThatFailsMidwayLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path target = dir.resolve("summary.txt");
        Files.writeString(target, "old content");
        assertThatThrownBy(() -> OutputTarget.of(target).write(out -> {
                    out.write("half of the new".getBytes());
                    throw new IOException("disk full");
                }))
                .hasMessage("disk full");
        assertThat(target).hasContent("old content");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void replacingKeepsTheOldFilesPermissions() throws Exception {
        Path target = dir.resolve("report.md");
        Files.writeString(target, "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw----"));
        OutputTarget.of(target).write("new");
        assertThat(target).hasContent("new");
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
    }

    @Test
    void aDirectoryIsNotOverwritten() throws Exception {
        Path target = Files.createDirectory(dir.resolve("out"));
        assertThatThrownBy(() -> OutputTarget.of(target).write("x")).hasMessage("is a directory");
        assertThat(target).isDirectory();
    }

    @Test
    void anOutputInAFolderOfTheInputsIsAllowedButAnInputItselfIsNot() throws Exception {
        Path log = Files.writeString(dir.resolve("trainer_logs.json"), "[]");
        Path summary = dir.resolve("summary.md");
        assertThat(OutputTarget.checked(summary, List.of(dir, log), p -> false).path())
                .isEqualTo(summary);
        assertThatThrownBy(
                        () -> OutputTarget.checked(dir.resolve("./x/../trainer_logs.json"), List.of(log), p -> false))
                .isInstanceOf(OutputRefusedException.class)
                .hasMessage(dir.resolve("./x/../trainer_logs.json") + " is one of the logs being read");
    }

    @Test
    void anExistingFileTheRecogniserCallsALogIsRefusedAndANewOneIsNot() throws Exception {
        Path state = Files.writeString(dir.resolve("trainer_state.json"), "{}");
        assertThatThrownBy(() -> OutputTarget.checked(state, List.of(), p -> true))
                .isInstanceOf(OutputRefusedException.class)
                .hasMessage(state + " is a training log: refusing to overwrite it");
        assertThat(OutputTarget.checked(dir.resolve("new.json"), List.of(), p -> true)
                        .path())
                .isEqualTo(dir.resolve("new.json"));
    }

    @Test
    void aLoopOfSymlinksIsAnErrorNotAHang() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        assertThatThrownBy(() -> OutputTarget.of(a).write("x"))
                .isInstanceOf(FileSystemException.class)
                .hasMessageContaining("too many levels of symbolic links");
        assertThat(Files.isSymbolicLink(a)).isTrue();
    }

    @Test
    void aReplacedFileThroughTwoLinksKeepsBothLinksAndItsMode() throws Exception {
        Path real = Files.writeString(dir.resolve("real.txt"), "old");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-------"));
        Path first = Files.createSymbolicLink(dir.resolve("first"), Path.of("second"));
        Files.createSymbolicLink(dir.resolve("second"), Path.of("real.txt"));
        OutputTarget.of(first).write("new");
        assertThat(real).hasContent("new");
        assertThat(Files.isSymbolicLink(first)).isTrue();
        assertThat(Files.isSymbolicLink(dir.resolve("second"))).isTrue();
        assertThat(Files.getPosixFilePermissions(real)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
}
