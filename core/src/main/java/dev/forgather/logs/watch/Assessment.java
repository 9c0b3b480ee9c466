package dev.forgather.logs.watch;

import java.util.Optional;

/**
 * What the health checks say about one run at one moment.
 *
 * @param status live, finished or stalled
 * @param verdict {@code healthy}, {@code warning} or {@code failed}; empty when no checks ran
 * @param newestFinding the message of the finding at the highest step; empty when there is none
 */
public record Assessment(RunStatus status, Optional<String> verdict, Optional<String> newestFinding) {}
