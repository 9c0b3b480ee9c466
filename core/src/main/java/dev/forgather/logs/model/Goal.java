package dev.forgather.logs.model;

/** Whether a metric is better low (a loss) or high (an accuracy). */
public enum Goal {
    MIN,
    MAX
}
