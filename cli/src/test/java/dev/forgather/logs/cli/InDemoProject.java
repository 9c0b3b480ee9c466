package dev.forgather.logs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests that run log commands on a fresh copy of the demo project (see {@link DemoProject}). */
abstract class InDemoProject {
    @TempDir
    Path tmp;

    Path project;

    @BeforeEach
    void copyDemo() throws IOException {
        project = DemoProject.copyTo(Files.createDirectory(tmp.resolve("demo")));
    }

    /** A run folder of the copy, e.g. {@code tiny_gpt/runs/adamw_lr1e-3}, as a string argument. */
    String run(String name) {
        return project.resolve("output_models").resolve(name).toString();
    }

    /** The warning line every command reading the killed run gives for its torn last record. */
    String killedWarning() {
        return "warning: " + run("llama_1b/runs/killed_2026-01-22T08-15-00/trainer_logs.json")
                + ": ignored the last 110 bytes, a record cut off mid-write (the run is still writing or was stopped);"
                + " read 60 records\n";
    }

    /** {@code forgather -p <copy> logs <command> args...}, in process. */
    Cli.Result logs(String command, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "-p";
        all[1] = project.toString();
        all[2] = "logs";
        all[3] = command;
        System.arraycopy(args, 0, all, 4, args.length);
        return Cli.run(all);
    }
}
