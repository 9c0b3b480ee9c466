package dev.forgather.logs.model;

/**
 * How a statistic's number is written for people (text, markdown, tables); JSON writes every
 * number in full, and integers as integers.
 */
public enum NumberStyle {
    /** A loss or grad norm: 4 decimals. */
    LOSS,
    /** An epoch: 4 decimals. */
    EPOCH,
    /** A runtime in seconds or a speed: 2 decimals. */
    SECONDS,
    /** A learning rate: 6 decimals, or 3 significant digits in scientific form when small. */
    LEARNING_RATE,
    /** A count a log stores as a number (samples, a batch size): no decimals when whole. */
    COUNT,
    /** A step or a count of records: always whole. */
    INTEGER
}
