package dev.forgather.logs.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command line in a JVM of its own, for what an in-process run cannot show: a heap
 * limit, a umask, a standard output that is a device.
 */
final class Forked {
    private Forked() {}

    /**
     * Runs {@code forgather args} with the JVM options given, through {@code sh -c} so that
     * {@code shellPrefix} (e.g. {@code umask 027;}) applies; standard output goes to {@code stdout}.
     */
    static Cli.Result run(Path workDir, String shellPrefix, List<String> jvmOptions, File stdout, String... args)
            throws IOException, InterruptedException {
        List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        java.addAll(jvmOptions);
        java.add("-cp");
        java.add(System.getProperty("java.class.path"));
        java.add(Main.class.getName());
        java.addAll(List.of(args));
        StringBuilder script = new StringBuilder(shellPrefix).append(" exec");
        for (String word : java) {
            script.append(" '").append(word.replace("'", "'\\''")).append("'");
        }
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", script.toString())
                .directory(workDir.toFile())
                .redirectError(err.toFile())
                .redirectOutput(stdout != null ? stdout : out.toFile());
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("forgather " + String.join(" ", args) + " did not finish in 120 s");
        }
        Cli.Result result = new Cli.Result(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(err);
        Files.delete(out);
        return result;
    }
}
