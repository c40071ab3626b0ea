package dev.keel.train.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/** An executor whose workers are entries in a map: tests decide when each one exits and with what code. */
final class FakeExecutor implements Executor {
    final List<WorkerLaunch> launched = new ArrayList<>();
    final List<String> cancelled = new ArrayList<>();
    private final Map<String, WorkerStatus> statuses = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return LocalProcessExecutor.NAME;
    }

    @Override
    public synchronized String submit(WorkerLaunch launch) {
        launched.add(launch);
        String handle = "fake:" + launch.jobId() + ":" + launch.attempt();
        statuses.put(handle, WorkerStatus.RUNNING);
        return handle;
    }

    void exit(String handle, int code) {
        statuses.put(handle, new WorkerStatus.Exited(OptionalInt.of(code)));
    }

    @Override
    public WorkerStatus status(String handle) {
        return statuses.getOrDefault(handle, new WorkerStatus.Lost("unknown"));
    }

    @Override
    public synchronized void cancel(String handle) {
        cancelled.add(handle);
        statuses.put(handle, new WorkerStatus.Exited(OptionalInt.of(143)));
    }

    @Override
    public LogChunk logs(String jobId, long offset, int maxBytes) {
        return new LogChunk(offset, offset, "");
    }

    @Override
    public Optional<String> reattach(String handle) {
        return Optional.empty();
    }
}
