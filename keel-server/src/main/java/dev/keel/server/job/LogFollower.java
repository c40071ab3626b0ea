package dev.keel.server.job;

import dev.keel.train.job.JobService;
import dev.keel.train.job.LogChunk;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The body of {@code GET /jobs/{id}/logs?follow=true}: the log from an offset, then whatever the worker writes,
 * until the job has ended and the log is drained. Blocking reads poll the file; the route runs on the blocking
 * executor without a request timeout.
 */
final class LogFollower extends InputStream {
    private static final int CHUNK = 64 * 1024;
    private static final long POLL_MILLIS = 200;

    private final JobService jobs;
    private final String jobId;
    private long offset;
    private byte[] buffer = new byte[0];
    private int position;
    private boolean done;

    LogFollower(JobService jobs, String jobId, long offset) {
        this.jobs = jobs;
        this.jobId = jobId;
        this.offset = offset;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] target, int off, int length) {
        while (position >= buffer.length) {
            if (done) {
                return -1;
            }
            // Read the state before the log: output written before the job ended is then always sent.
            boolean ended = jobs.get(jobId).state().isTerminal();
            LogChunk chunk = jobs.logs(jobId, offset, CHUNK);
            offset = chunk.nextOffset();
            buffer = chunk.text().getBytes(StandardCharsets.UTF_8);
            position = 0;
            if (buffer.length == 0) {
                if (ended) {
                    done = true;
                } else {
                    try {
                        Thread.sleep(POLL_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return -1;
                    }
                }
            }
        }
        int n = Math.min(length, buffer.length - position);
        System.arraycopy(buffer, position, target, off, n);
        position += n;
        return n;
    }
}
