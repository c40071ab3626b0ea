package dev.keel.serve.deploy;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.KeelException;
import dev.keel.serve.runtime.ModelRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoints this server serves. Deploying loads and warms every version before the endpoint takes
 * traffic; {@link #refresh} re-resolves aliases and swaps without downtime (load, warm up, switch atomically,
 * drain the old batcher, close the old runtime). Changes to one endpoint are serialised by locking on it.
 */
public final class Deployments implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Deployments.class);

    private final ModelSource models;
    private final DeploymentRepository repository;
    private final ServingObserver observer;
    private final long splitSeed;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** @param repository null to keep deployments in memory only */
    public Deployments(ModelSource models, DeploymentRepository repository, ServingObserver observer, long splitSeed) {
        this.models = requireNonNull(models, "models is null");
        this.repository = repository;
        this.observer = requireNonNull(observer, "observer is null");
        this.splitSeed = splitSeed;
    }

    /**
     * Serves {@code spec}: loads and warms up its versions, then routes traffic to them. Replacing an existing
     * endpoint swaps it without downtime. A version that fails to load or warm up fails the call with the
     * reason, and the endpoint (if any) keeps serving what it served.
     */
    public Endpoint deploy(DeploymentSpec spec) {
        requireNonNull(spec, "spec is null");
        synchronized (lock(spec.endpoint())) {
            Endpoint existing = endpoints.get(spec.endpoint());
            Endpoint.Routing routing = load(spec, existing == null ? null : existing.routing());
            if (repository != null) {
                try {
                    repository.save(spec);
                } catch (RuntimeException e) {
                    closeUnused(routing, existing == null ? null : existing.routing());
                    throw e;
                }
            }
            if (existing != null) {
                // Same Endpoint object: requests racing the swap retry against the new routing.
                retire(existing.swap(routing), routing);
                return existing;
            }
            Endpoint endpoint = new Endpoint(routing, new TrafficSplitter(splitSeed));
            endpoints.put(spec.endpoint(), endpoint);
            return endpoint;
        }
    }

    /** Stops an endpoint: new requests get NOT_FOUND, queued ones are answered, runtimes close. */
    public void undeploy(String endpoint) {
        synchronized (lock(endpoint)) {
            Endpoint removed = endpoints.remove(endpoint);
            if (removed == null) {
                throw KeelException.notFound("endpoint " + endpoint);
            }
            if (repository != null) {
                repository.delete(endpoint);
            }
            retire(removed.routing(), null);
        }
    }

    public Optional<Endpoint> find(String endpoint) {
        return Optional.ofNullable(endpoints.get(endpoint));
    }

    /** The endpoint, or NOT_FOUND. */
    public Endpoint get(String endpoint) {
        return find(endpoint).orElseThrow(() -> KeelException.notFound("endpoint " + endpoint));
    }

    public List<Endpoint> list() {
        return endpoints.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    /**
     * Re-resolves the references of an endpoint (an alias may have moved) and, if a version changed, swaps to
     * it without downtime. Returns true when it swapped.
     */
    public boolean refresh(String endpoint) {
        synchronized (lock(endpoint)) {
            Endpoint current = get(endpoint);
            DeploymentSpec spec = current.spec();
            Endpoint.Routing routing = current.routing();
            String primary = models.resolveVersion(spec.model(), spec.reference());
            Optional<String> canary = spec.canary().map(c -> models.resolveVersion(spec.model(), c.reference()));
            if (primary.equals(routing.primary().version())
                    && canary.equals(routing.canary().map(ServedVersion::version))) {
                return false;
            }
            Endpoint.Routing next = load(spec, routing);
            Endpoint.Routing old = current.swap(next);
            retire(old, next);
            log.info("endpoint {} swapped from {} to {}", endpoint, old.primary().version(), primary);
            return true;
        }
    }

    /**
     * Refreshes every endpoint (the server runs this on a schedule so alias moves reach deployments); a
     * failure on one endpoint is logged and leaves it serving what it served. Returns the endpoints swapped.
     */
    public List<String> refreshAll() {
        List<String> swapped = new ArrayList<>();
        for (Endpoint endpoint : list()) {
            try {
                if (refresh(endpoint.name())) {
                    swapped.add(endpoint.name());
                }
            } catch (RuntimeException e) {
                log.warn("endpoint {} keeps version {}: refresh failed: {}", endpoint.name(), endpoint.version(),
                        e.getMessage());
            }
        }
        return swapped;
    }

    /** Refreshes every endpoint whose reference names {@code model}; call after an alias of it moved. */
    public void refreshModel(String model) {
        for (Endpoint endpoint : list()) {
            if (endpoint.model().equals(model)) {
                refresh(endpoint.name());
            }
        }
    }

    /**
     * Redeploys every persisted endpoint (server start). One that fails is logged and skipped so one broken
     * model does not keep the others down; returns the failures.
     */
    public List<String> restore() {
        if (repository == null) {
            return List.of();
        }
        List<String> failures = new ArrayList<>();
        for (DeploymentSpec spec : repository.list()) {
            try {
                synchronized (lock(spec.endpoint())) {
                    Endpoint.Routing routing = load(spec, null);
                    endpoints.put(spec.endpoint(), new Endpoint(routing, new TrafficSplitter(splitSeed)));
                }
            } catch (RuntimeException e) {
                log.warn("could not redeploy endpoint {}: {}", spec.endpoint(), e.getMessage());
                failures.add(spec.endpoint() + ": " + e.getMessage());
            }
        }
        return failures;
    }

    @Override
    public void close() {
        for (String name : List.copyOf(endpoints.keySet())) {
            synchronized (lock(name)) {
                Endpoint removed = endpoints.remove(name);
                if (removed != null) {
                    retire(removed.routing(), null);
                }
            }
        }
    }

    /** Builds routing for a spec, reusing versions already served by {@code current}. */
    private Endpoint.Routing load(DeploymentSpec spec, Endpoint.Routing current) {
        String primaryVersion = models.resolveVersion(spec.model(), spec.reference());
        Optional<String> canaryVersion = spec.canary().map(c -> models.resolveVersion(spec.model(), c.reference()));
        List<ServedVersion> loaded = new ArrayList<>();
        try {
            ServedVersion primary = reuseOrLoad(spec, primaryVersion, current, loaded);
            Optional<ServedVersion> canary = canaryVersion.isEmpty() || canaryVersion.get().equals(primaryVersion)
                    ? Optional.empty()
                    : Optional.of(reuseOrLoad(spec, canaryVersion.get(), current, loaded));
            return new Endpoint.Routing(spec, primary, canary, spec.canary().map(CanarySplit::weight).orElse(0.0));
        } catch (RuntimeException e) {
            loaded.forEach(ServedVersion::close);
            throw e;
        }
    }

    private ServedVersion reuseOrLoad(DeploymentSpec spec, String version, Endpoint.Routing current,
            List<ServedVersion> loaded) {
        if (current != null) {
            for (ServedVersion served : current.versions()) {
                if (served.version().equals(version) && served.model().equals(spec.model())
                        && !served.isClosed() && samePolicy(served, spec)) {
                    return served;
                }
            }
        }
        ModelRuntime runtime = models.open(spec.model(), version);
        try {
            WarmUp.run(spec.model(), version, runtime, spec.warmupBatches(), spec.policy().maxBatchSize());
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
        ServedVersion served = new ServedVersion(spec.endpoint(), spec.model(), version, runtime, spec.policy(), observer);
        loaded.add(served);
        return served;
    }

    private static boolean samePolicy(ServedVersion served, DeploymentSpec spec) {
        return served.policy().equals(spec.policy());
    }

    /** Drains and closes the versions of {@code old} that {@code next} no longer uses. */
    private void retire(Endpoint.Routing old, Endpoint.Routing next) {
        closeUnused(old, next);
    }

    private void closeUnused(Endpoint.Routing candidates, Endpoint.Routing keep) {
        for (ServedVersion served : candidates.versions()) {
            if (keep != null && keep.versions().contains(served)) {
                continue;
            }
            try {
                served.close();
            } catch (RuntimeException e) {
                log.warn("closing {} version {} failed: {}", served.model(), served.version(), e.toString());
            }
            observer.versionStopped(served.endpoint(), served.model(), served.version());
        }
    }

    private Object lock(String endpoint) {
        return locks.computeIfAbsent(endpoint, name -> new Object());
    }
}
