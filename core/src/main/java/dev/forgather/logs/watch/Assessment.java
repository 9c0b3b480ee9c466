package dev.forgather.logs.watch;

import dev.forgather.logs.check.Finding;
import java.util.Optional;

/**
 * What the health checks say about one run at one moment.
 *
 * @param status live, finished or stalled
 * @param verdict {@code healthy}, {@code warning} or {@code failed}; empty when no checks ran
 * @param newestFinding of the findings of the worst severity found, the one at the highest step
 *     ({@code in_progress} left out: the status says it); empty when there is none
 */
public record Assessment(RunStatus status, Optional<String> verdict, Optional<Finding> newestFinding) {}
