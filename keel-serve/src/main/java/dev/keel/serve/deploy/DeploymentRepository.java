package dev.keel.serve.deploy;

import static java.util.Objects.requireNonNull;

import dev.keel.serve.batching.BatchPolicy;
import dev.keel.store.metadata.MetadataStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/** Persists deployment specs so a restarted server redeploys the same endpoints. */
public final class DeploymentRepository {
    private static final RowMapper<DeploymentSpec> MAPPER = (rs, ctx) -> {
        String canaryReference = rs.getString("canary_reference");
        Optional<CanarySplit> canary = canaryReference == null
                ? Optional.empty()
                : Optional.of(new CanarySplit(canaryReference, rs.getDouble("canary_weight")));
        BatchPolicy policy = new BatchPolicy(rs.getInt("max_batch_size"),
                Duration.ofNanos(rs.getLong("max_queue_delay_us") * 1000), rs.getInt("queue_capacity"),
                Duration.ofMillis(rs.getLong("request_timeout_ms")), rs.getInt("workers"));
        return new DeploymentSpec(rs.getString("endpoint"), rs.getString("model"), rs.getString("reference"), policy,
                rs.getInt("warmup_batches"), canary);
    };

    private final MetadataStore store;
    private final Clock clock;

    public DeploymentRepository(MetadataStore store, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Inserts or replaces the spec of an endpoint. */
    public void save(DeploymentSpec spec) {
        store.inTransaction(handle -> {
            handle.createUpdate("DELETE FROM serving_deployments WHERE endpoint = :endpoint")
                    .bind("endpoint", spec.endpoint()).execute();
            return handle.createUpdate("""
                    INSERT INTO serving_deployments (endpoint, model, reference, canary_reference, canary_weight,
                        max_batch_size, max_queue_delay_us, queue_capacity, request_timeout_ms, workers,
                        warmup_batches, created_at)
                    VALUES (:endpoint, :model, :reference, :canaryReference, :canaryWeight, :maxBatchSize,
                        :maxQueueDelayUs, :queueCapacity, :requestTimeoutMs, :workers, :warmupBatches, :createdAt)
                    """)
                    .bind("endpoint", spec.endpoint())
                    .bind("model", spec.model())
                    .bind("reference", spec.reference())
                    .bind("canaryReference", spec.canary().map(CanarySplit::reference).orElse(null))
                    .bind("canaryWeight", spec.canary().map(CanarySplit::weight).orElse(null))
                    .bind("maxBatchSize", spec.policy().maxBatchSize())
                    .bind("maxQueueDelayUs", spec.policy().maxQueueDelayMicros())
                    .bind("queueCapacity", spec.policy().queueCapacity())
                    .bind("requestTimeoutMs", spec.policy().requestTimeout().toMillis())
                    .bind("workers", spec.policy().workers())
                    .bind("warmupBatches", spec.warmupBatches())
                    .bind("createdAt", clock.millis())
                    .execute();
        });
    }

    public void delete(String endpoint) {
        store.inTransaction(handle -> handle.createUpdate("DELETE FROM serving_deployments WHERE endpoint = :endpoint")
                .bind("endpoint", endpoint).execute());
    }

    public List<DeploymentSpec> list() {
        return store.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT * FROM serving_deployments ORDER BY endpoint").map(MAPPER).list());
    }
}
