package dev.keel.client.tracking;

import java.util.List;

/** One page of runs; pass {@code nextPageToken} to get the next one (null on the last page). */
public record RunList(List<RunDetails> runs, String nextPageToken) {}
