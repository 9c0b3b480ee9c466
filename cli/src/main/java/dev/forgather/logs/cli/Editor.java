package dev.forgather.logs.cli;

import dev.forgather.logs.io.IoProblems;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens a file in the user's editor for {@code plot -e}: {@code $VISUAL}, else {@code $EDITOR},
 * else VS Code's {@code code} — on the PATH, or the remote CLI a VS Code remote session provides
 * (so a plot made over SSH opens on the laptop).
 */
final class Editor {
    private Editor() {}

    /** Runs the editor on {@code file} and waits for it, so terminal editors keep the terminal. */
    static void open(Path file, Map<String, String> env) throws UserException {
        List<String> command = find(env)
                .orElseThrow(() -> new UserException("cannot open " + file
                        + ": no editor found (set $VISUAL or $EDITOR, or put VS Code's 'code' on the PATH)"));
        List<String> withFile = new ArrayList<>(command);
        withFile.add(file.toString());
        try {
            Process process = new ProcessBuilder(withFile).inheritIO().start();
            int status = process.waitFor();
            if (status != 0) {
                throw new UserException("editor '" + String.join(" ", command) + "' exited with status " + status);
            }
        } catch (IOException e) {
            throw new UserException("cannot start editor '" + String.join(" ", command) + "': " + IoProblems.reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The editor command, split into words; empty when none is configured or installed. */
    static Optional<List<String>> find(Map<String, String> env) {
        for (String variable : List.of("VISUAL", "EDITOR")) {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                return Optional.of(Arrays.asList(value.strip().split("\\s+")));
            }
        }
        Optional<Path> code = onPath("code", env.getOrDefault("PATH", ""));
        if (code.isEmpty() && env.containsKey("VSCODE_IPC_HOOK_CLI")) {
            code = remoteCli(Path.of(env.getOrDefault("HOME", "/")));
        }
        return code.map(c -> List.of(c.toString()));
    }

    private static Optional<Path> onPath(String name, String path) {
        for (String folder : path.split(":")) {
            if (!folder.isEmpty()) {
                Path candidate = Path.of(folder, name);
                if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** VS Code Server's remote CLI: ~/.vscode-server/bin/<commit>/bin/remote-cli/code. */
    private static Optional<Path> remoteCli(Path home) {
        Path servers = home.resolve(".vscode-server/bin");
        if (!Files.isDirectory(servers)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> commits = Files.newDirectoryStream(servers)) {
            for (Path commit : commits) {
                Path code = commit.resolve("bin/remote-cli/code");
                if (Files.isExecutable(code)) {
                    return Optional.of(code);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
