package dev.forgather.logs.report;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One {@code logs check} finding as the report shows it: listed under its run, and marked on the
 * chart of its metric at its step when it has both.
 *
 * @param severity e.g. {@code error}, {@code warning}, {@code info}
 * @param detector the name of the detector that fired
 * @param metric the metric it is about; empty for a finding about the whole run
 * @param step the step it points at; empty when it points at none
 * @param message what was found, with its evidence, without clock times or ages
 */
public record Finding(String severity, String detector, Optional<String> metric, OptionalLong step, String message) {}
