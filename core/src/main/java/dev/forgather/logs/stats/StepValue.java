package dev.forgather.logs.stats;

/**
 * A metric's value at a global step.
 *
 * @param step the global step of the record
 * @param value the value there
 */
public record StepValue(long step, double value) {}
