package dev.keel.serve.deploy;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.serve.runtime.ModelSignature;
import dev.keel.serve.runtime.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A named endpoint taking traffic. Its routing (primary version, optional canary) is swapped atomically; a
 * request that races a swap and meets the old, closing batcher is resubmitted to the new routing, so a swap
 * fails no request.
 */
public final class Endpoint {
    /** The versions an endpoint currently routes to. */
    record Routing(DeploymentSpec spec, ServedVersion primary, Optional<ServedVersion> canary, double canaryWeight) {
        List<ServedVersion> versions() {
            return canary.map(c -> List.of(primary, c)).orElse(List.of(primary));
        }
    }

    private final String name;
    private final TrafficSplitter splitter;
    private final AtomicReference<Routing> routing;

    Endpoint(Routing initial, TrafficSplitter splitter) {
        this.name = initial.spec().endpoint();
        this.splitter = requireNonNull(splitter, "splitter is null");
        this.routing = new AtomicReference<>(requireNonNull(initial, "initial is null"));
    }

    public String name() {
        return name;
    }

    public DeploymentSpec spec() {
        return routing.get().spec();
    }

    public String model() {
        return routing.get().spec().model();
    }

    /** The version that takes the main share of traffic. */
    public String version() {
        return routing.get().primary().version();
    }

    public Optional<String> canaryVersion() {
        return routing.get().canary().map(ServedVersion::version);
    }

    /** Versions serving now, primary first. */
    public List<String> versions() {
        return routing.get().versions().stream().map(ServedVersion::version).toList();
    }

    public ModelSignature signature() {
        return routing.get().primary().signature();
    }

    /** The signature of a specific serving version; NOT_FOUND if that version is not served here. */
    public ModelSignature signature(String version) {
        return served(version).signature();
    }

    public int queueDepth() {
        return routing.get().versions().stream().mapToInt(ServedVersion::queueDepth).sum();
    }

    /** Predicts with whichever version the split picks. */
    public CompletableFuture<Prediction> predict(Map<String, Tensor> inputs) {
        requireNonNull(inputs, "inputs is null");
        while (true) {
            Routing current = routing.get();
            ServedVersion target = current.canary().isPresent() && splitter.toCanary(current.canaryWeight())
                    ? current.canary().get()
                    : current.primary();
            CompletableFuture<Prediction> answer = submit(target, inputs);
            if (!racedSwap(answer, current)) {
                return answer;
            }
        }
    }

    /** Predicts with one named version (OIP {@code /versions/{v}}); NOT_FOUND if it is not served here. */
    public CompletableFuture<Prediction> predict(String version, Map<String, Tensor> inputs) {
        requireNonNull(inputs, "inputs is null");
        while (true) {
            Routing current = routing.get();
            ServedVersion target;
            try {
                target = served(current, version);
            } catch (KeelException e) {
                return CompletableFuture.failedFuture(e);
            }
            CompletableFuture<Prediction> answer = submit(target, inputs);
            if (!racedSwap(answer, current)) {
                return answer;
            }
        }
    }

    private CompletableFuture<Prediction> submit(ServedVersion target, Map<String, Tensor> inputs) {
        return target.submit(inputs).thenApply(outputs -> new Prediction(target.model(), target.version(), outputs));
    }

    /** True when the request was refused only because its routing was replaced meanwhile: try again. */
    private boolean racedSwap(CompletableFuture<Prediction> answer, Routing used) {
        if (!answer.isCompletedExceptionally() || routing.get() == used) {
            return false;
        }
        return ServedVersion.cause(answer) instanceof KeelException e && e.code() == ErrorCode.NOT_READY;
    }

    private ServedVersion served(String version) {
        return served(routing.get(), version);
    }

    private ServedVersion served(Routing current, String version) {
        return current.versions().stream().filter(v -> v.version().equals(version)).findFirst()
                .orElseThrow(() -> KeelException.notFound("version " + version + " of model " + current.spec().model()
                        + " on endpoint " + name + " (serving: " + versionsOf(current) + ")"));
    }

    private static List<String> versionsOf(Routing routing) {
        return routing.versions().stream().map(ServedVersion::version).toList();
    }

    Routing routing() {
        return routing.get();
    }

    /** Installs new routing and returns the old one; the caller drains and closes what is no longer used. */
    Routing swap(Routing next) {
        return routing.getAndSet(next);
    }
}
