package dev.keel.train.tracking;

import java.util.List;

/** One page of a run search; {@code nextPageToken} is null on the last page. */
public record RunPage(List<Run> runs, String nextPageToken) {
    public RunPage {
        runs = List.copyOf(runs);
    }
}
