package dev.keel.client.models;

import java.util.List;

/** An alias audit log, and with a time asked for, the version the alias pointed to then ({@code versionAt}). */
public record AliasHistory(List<AliasEventInfo> events, Integer versionAt) {}
