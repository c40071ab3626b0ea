/**
 * Drift between a model version's training data and its live traffic: the population stability index for
 * binned or categorical distributions, the two-sample Kolmogorov–Smirnov statistic for numeric summaries,
 * reference distributions stored once per model version, and the scheduled scorer that records drift scores
 * as series (so alert rules watch them like any metric).
 */
package dev.keel.monitor.drift;
