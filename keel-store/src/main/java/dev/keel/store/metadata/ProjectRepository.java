package dev.keel.store.metadata;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.KeelException;
import dev.keel.core.error.Problems;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jdbi.v3.core.mapper.RowMapper;

/** Projects in the metadata store: created by name, looked up by name, listed in name order. */
public final class ProjectRepository {
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final RowMapper<Project> MAPPER = (rs, ctx) -> new Project(
            rs.getString("id"),
            rs.getString("name"),
            rs.getString("description"),
            Instant.ofEpochMilli(rs.getLong("created_at")));

    private final MetadataStore store;
    private final Clock clock;
    private final Supplier<String> ids;

    public ProjectRepository(MetadataStore store, Clock clock) {
        this(store, clock, () -> UUID.randomUUID().toString());
    }

    public ProjectRepository(MetadataStore store, Clock clock, Supplier<String> ids) {
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.ids = requireNonNull(ids, "ids is null");
    }

    /** Creates a project; ALREADY_EXISTS if the name is taken, INVALID_ARGUMENT for a bad name. */
    public Project create(String name, String description) {
        new Problems()
                .require(name != null && NAME.matcher(name).matches(), "project.name", name,
                        "1-63 characters of a-z, 0-9, '.', '_', '-', starting with a letter or digit")
                .require(description == null || description.length() <= 4096, "project.description",
                        description == null ? null : description.length() + " characters", "<= 4096 characters")
                .throwIfAny("project");
        Project project = new Project(ids.get(), name, description, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        store.inTransaction(handle -> handle.createUpdate(
                        "INSERT INTO projects (id, name, description, created_at) VALUES (:id, :name, :description, :createdAt)")
                .bind("id", project.id())
                .bind("name", project.name())
                .bind("description", project.description())
                .bind("createdAt", project.createdAt().toEpochMilli())
                .execute());
        return project;
    }

    public Optional<Project> findByName(String name) {
        requireNonNull(name, "name is null");
        return store.jdbi().withHandle(handle -> handle.createQuery("SELECT * FROM projects WHERE name = :name")
                .bind("name", name)
                .map(MAPPER)
                .findOne());
    }

    /** The project called {@code name}, or NOT_FOUND. */
    public Project getByName(String name) {
        return findByName(name).orElseThrow(() -> KeelException.notFound("project " + name));
    }

    public Optional<Project> findById(String id) {
        requireNonNull(id, "id is null");
        return store.jdbi().withHandle(handle -> handle.createQuery("SELECT * FROM projects WHERE id = :id")
                .bind("id", id)
                .map(MAPPER)
                .findOne());
    }

    public List<Project> list() {
        return store.jdbi().withHandle(handle -> handle.createQuery("SELECT * FROM projects ORDER BY name")
                .map(MAPPER)
                .list());
    }
}
