package dev.keel.client.models;

import java.time.Instant;

/** One move of an alias from its audit log; a null {@code fromVersion} is a first assignment, null {@code toVersion} a removal. */
public record AliasEventInfo(String alias, long sequence, Integer fromVersion, Integer toVersion, String actor,
                             String reason, Instant at) {}
