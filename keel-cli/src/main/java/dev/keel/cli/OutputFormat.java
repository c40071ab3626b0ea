package dev.keel.cli;

/** How commands print results: aligned tables for people, JSON for scripts. */
public enum OutputFormat {
    TABLE,
    JSON
}
