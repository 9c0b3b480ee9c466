package dev.forgather.logs.check;

/** How bad a {@link Finding} is, worst first: the order findings are listed in. */
public enum Severity {
    /** The run went wrong: a non-finite loss, a divergence, a dead run. Fails the run. */
    ERROR("error", "::error"),
    /** Worth a look: a spike, a plateau, a throughput drop. Makes the run's verdict {@code warning}. */
    WARN("warn", "::warning"),
    /** For the record (a resume, a run still training); never changes the verdict. */
    INFO("info", "::notice");

    private final String label;
    private final String githubCommand;

    Severity(String label, String githubCommand) {
        this.label = label;
        this.githubCommand = githubCommand;
    }

    /** The name in JSON and on the command line: {@code error}, {@code warn} or {@code info}. */
    public String label() {
        return label;
    }

    /** The GitHub Actions workflow command for this severity, e.g. {@code ::warning}. */
    String githubCommand() {
        return githubCommand;
    }

    /** Whether this severity is {@code other} or worse. */
    public boolean atLeast(Severity other) {
        return compareTo(other) <= 0;
    }
}
