package dev.keel.serve.registry;

import static java.util.Objects.requireNonNull;

import dev.keel.core.error.ErrorCode;
import dev.keel.core.error.KeelException;
import dev.keel.serve.registry.RegistryRepository.ModelRow;
import dev.keel.serve.registry.RegistryRepository.VersionRow;
import dev.keel.serve.runtime.ModelFormat;
import dev.keel.serve.runtime.ModelRuntime;
import dev.keel.serve.runtime.ModelRuntimeFactory;
import dev.keel.serve.runtime.ModelSignature;
import dev.keel.serve.runtime.RuntimeOptions;
import dev.keel.store.blob.BlobRef;
import dev.keel.store.blob.BlobStore;
import dev.keel.store.metadata.MetadataStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The model registry: registered models, their versions (files in the blob store, validated before they are
 * recorded), tags, and aliases whose every move is appended to an audit log, so "what did {@code production}
 * point to at time T" and a one-call rollback are answerable from the store alone.
 */
public final class ModelRegistry {
    public static final String LATEST = "latest";

    private final MetadataStore metadata;
    private final BlobStore blobs;
    private final ModelFileValidator validator;
    private final ModelRuntimeFactory runtimes;
    private final Clock clock;
    private final RegistryRepository repository = new RegistryRepository();

    public ModelRegistry(MetadataStore metadata, BlobStore blobs, ModelFileValidator validator,
                         ModelRuntimeFactory runtimes, Clock clock) {
        this.metadata = requireNonNull(metadata, "metadata is null");
        this.blobs = requireNonNull(blobs, "blobs is null");
        this.validator = requireNonNull(validator, "validator is null");
        this.runtimes = requireNonNull(runtimes, "runtimes is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The production wiring: ONNX Runtime's default environment, DJL PyTorch, the built-in architectures. */
    public static ModelRegistry create(MetadataStore metadata, BlobStore blobs, Clock clock) {
        dev.keel.serve.runtime.DefaultModelRuntimeFactory runtimes =
                dev.keel.serve.runtime.DefaultModelRuntimeFactory.withDefaultEnvironment();
        return new ModelRegistry(metadata, blobs, new ModelFileValidator(runtimes,
                dev.keel.train.model.ArchitectureRegistry.load()), runtimes, clock);
    }

    // ---- registered models

    public RegisteredModel createModel(String project, String name, Optional<String> description, Map<String, String> tags) {
        RegistryNames.requireModelName(name);
        long now = clock.millis();
        return metadata.inTransaction(handle -> {
            if (repository.findModel(handle, project, name).isPresent()) {
                throw new KeelException(ErrorCode.ALREADY_EXISTS, "model " + name + " already exists in project " + project);
            }
            ModelRow row = new ModelRow(UUID.randomUUID().toString(), project, name, description.orElse(null), now, now);
            repository.insertModel(handle, row);
            tags.forEach((key, value) -> repository.setModelTag(handle, row.id(), key, value));
            return repository.model(handle, row);
        });
    }

    public RegisteredModel getModel(String project, String name) {
        return metadata.jdbi().withHandle(handle -> repository.model(handle, modelRow(handle, project, name)));
    }

    public Optional<RegisteredModel> findModel(String project, String name) {
        return metadata.jdbi().withHandle(handle -> repository.findModel(handle, project, name).map(row -> repository.model(handle, row)));
    }

    /** Models whose name contains {@code nameContains} (empty = all), by name. */
    public List<RegisteredModel> listModels(String project, String nameContains, int limit, int offset) {
        RegistryNames.requirePage(limit, offset);
        String like = "%" + nameContains.replace("%", "") + "%";
        return metadata.jdbi().withHandle(handle -> repository.listModels(handle, project, like, limit, offset)
                .stream().map(row -> repository.model(handle, row)).toList());
    }

    public RegisteredModel updateModel(String project, String name, Optional<String> description) {
        return metadata.inTransaction(handle -> {
            ModelRow row = modelRow(handle, project, name);
            repository.updateModel(handle, row.id(), name, description.orElse(null), clock.millis());
            return repository.model(handle, modelRow(handle, project, name));
        });
    }

    /** Deletes a model, its versions, tags and aliases; the alias audit log stays. Blobs no longer used go too. */
    public void deleteModel(String project, String name) {
        List<String> shas = new ArrayList<>();
        metadata.inTransaction(handle -> {
            ModelRow row = modelRow(handle, project, name);
            repository.versions(handle, row.id(), Integer.MAX_VALUE, 0).forEach(version -> shas.add(version.blobSha256()));
            repository.deleteModel(handle, row.id());
            return null;
        });
        deleteUnreferencedBlobs(shas);
    }

    public void setModelTag(String project, String name, String key, String value) {
        RegistryNames.requireTag(key, value);
        metadata.inTransaction(handle -> {
            repository.setModelTag(handle, modelRow(handle, project, name).id(), key, value);
            return null;
        });
    }

    public void deleteModelTag(String project, String name, String key) {
        metadata.inTransaction(handle -> {
            if (repository.deleteModelTag(handle, modelRow(handle, project, name).id(), key) == 0) {
                throw KeelException.notFound("tag " + key + " of model " + name);
            }
            return null;
        });
    }

    // ---- versions

    /**
     * Validates the file for its format (see {@link ModelFileValidator}), stores it as a blob and records the next
     * version number. The model is created first when it does not exist. Nothing is recorded if validation fails.
     */
    public ModelVersion registerVersion(String project, String name, NewModelVersion request) {
        RegistryNames.requireModelName(name);
        requireNonNull(request, "request is null");
        request.tags().forEach(RegistryNames::requireTag);
        ModelSignature signature = validator.validate(request.format(), request.file(), request.signature());
        BlobRef blob;
        try (InputStream in = Files.newInputStream(request.file())) {
            blob = blobs.put(in, Optional.empty(), Files.size(request.file()));
        } catch (IOException e) {
            throw KeelException.invalid("file: " + request.file() + " cannot be read (" + e.getMessage() + ")");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return metadata.inTransaction(handle -> insertVersion(handle, project, name, request, signature, blob));
            } catch (KeelException e) {
                boolean raced = e.code() == ErrorCode.ALREADY_EXISTS || e.code() == ErrorCode.CONCURRENT_MODIFICATION;
                if (!raced || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private ModelVersion insertVersion(Handle handle, String project, String name, NewModelVersion request,
                                       ModelSignature signature, BlobRef blob) {
        long now = clock.millis();
        ModelRow model = repository.findModel(handle, project, name).orElseGet(() -> {
            ModelRow row = new ModelRow(UUID.randomUUID().toString(), project, name, null, now, now);
            repository.insertModel(handle, row);
            return row;
        });
        int version = repository.maxVersion(handle, model.id()) + 1;
        repository.insertVersion(handle, model.id(), new VersionRow(version, request.format(), request.source(),
                request.sourceRunId().orElse(null), blob.sha256(), blob.size(), SignatureJson.toString(signature),
                request.metrics(), request.datasetVersion().orElse(null), request.description().orElse(null),
                ModelVersion.READY, request.actor(), now, now));
        request.tags().forEach((key, value) -> repository.setVersionTag(handle, model.id(), version, key, value));
        repository.updateModel(handle, model.id(), model.name(), model.description(), now);
        return repository.version(handle, model, repository.findVersion(handle, model.id(), version).orElseThrow());
    }

    public ModelVersion getVersion(String project, String name, int version) {
        return metadata.jdbi().withHandle(handle -> {
            ModelRow model = modelRow(handle, project, name);
            return repository.version(handle, model, versionRow(handle, model, version));
        });
    }

    /**
     * Resolves a reference: a version number ({@code "3"}), an alias ({@code "production"}) or {@code "latest"}.
     */
    public ModelVersion resolve(String project, String name, String reference) {
        requireNonNull(reference, "reference is null");
        return metadata.jdbi().withHandle(handle -> {
            ModelRow model = modelRow(handle, project, name);
            int version;
            if (reference.matches("[0-9]{1,9}")) {
                version = Integer.parseInt(reference);
            } else if (reference.equals(LATEST)) {
                version = repository.maxVersion(handle, model.id());
                if (version == 0) {
                    throw KeelException.notFound("model " + name + " has no versions; version latest");
                }
            } else {
                version = repository.alias(handle, model.id(), reference).orElseThrow(() ->
                        KeelException.notFound("alias " + reference + " of model " + name));
            }
            return repository.version(handle, model, versionRow(handle, model, version));
        });
    }

    /** Newest first. */
    public List<ModelVersion> listVersions(String project, String name, int limit, int offset) {
        RegistryNames.requirePage(limit, offset);
        return metadata.jdbi().withHandle(handle -> {
            ModelRow model = modelRow(handle, project, name);
            return repository.versions(handle, model.id(), limit, offset).stream()
                    .map(row -> repository.version(handle, model, row)).toList();
        });
    }

    public ModelVersion updateVersion(String project, String name, int version, Optional<String> description) {
        return metadata.inTransaction(handle -> {
            ModelRow model = modelRow(handle, project, name);
            versionRow(handle, model, version);
            repository.updateVersionDescription(handle, model.id(), version, description.orElse(null), clock.millis());
            return repository.version(handle, model, versionRow(handle, model, version));
        });
    }

    /** Deletes a version; aliases pointing at it are removed, each removal logged. */
    public void deleteVersion(String project, String name, int version, String actor) {
        String sha = metadata.inTransaction(handle -> {
            ModelRow model = modelRow(handle, project, name);
            VersionRow row = versionRow(handle, model, version);
            repository.aliases(handle, model.id()).forEach((alias, target) -> {
                if (target == version) {
                    moveAlias(handle, model, alias, Optional.empty(), actor, Optional.of("version " + version + " deleted"));
                }
            });
            repository.deleteVersion(handle, model.id(), version);
            return row.blobSha256();
        });
        deleteUnreferencedBlobs(List.of(sha));
    }

    public void setVersionTag(String project, String name, int version, String key, String value) {
        RegistryNames.requireTag(key, value);
        metadata.inTransaction(handle -> {
            ModelRow model = modelRow(handle, project, name);
            versionRow(handle, model, version);
            repository.setVersionTag(handle, model.id(), version, key, value);
            return null;
        });
    }

    public void deleteVersionTag(String project, String name, int version, String key) {
        metadata.inTransaction(handle -> {
            ModelRow model = modelRow(handle, project, name);
            versionRow(handle, model, version);
            if (repository.deleteVersionTag(handle, model.id(), version, key) == 0) {
                throw KeelException.notFound("tag " + key + " of model " + name + " version " + version);
            }
            return null;
        });
    }

    /** Copies a blob (e.g. a model file a client uploaded through the blob API) to {@code target}; NOT_FOUND if absent. */
    public void copyBlob(String sha256, Path target) {
        if (!blobs.exists(sha256)) {
            throw KeelException.notFound("blob " + sha256);
        }
        try (InputStream in = blobs.open(sha256)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new KeelException(ErrorCode.INTERNAL, "reading blob " + sha256 + " failed: " + e.getMessage(), e);
        }
    }

    /** The version's file, hash-checked by the blob store as it is read. */
    public InputStream openFile(ModelVersion version) {
        return blobs.open(version.blobSha256());
    }

    /** Copies the version's file into {@code directory} (written to a temporary name, then renamed). */
    public Path materialize(ModelVersion version, Path directory) {
        String extension = switch (version.format()) {
            case ONNX -> ".onnx";
            case TORCHSCRIPT -> ".pt";
            case KEEL -> ".keel";
        };
        Path file = directory.resolve(version.blobSha256() + extension);
        if (Files.exists(file)) {
            return file;
        }
        try (InputStream in = openFile(version)) {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, version.blobSha256(), ".tmp");
            Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new KeelException(ErrorCode.INTERNAL, "copying model " + version.modelName() + " version "
                    + version.version() + " to " + directory + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Loads a version (by number, alias or {@code latest}) into a runtime; Keel bundles must be exported to ONNX
     * first. {@code workDirectory} holds the model files the runtimes read.
     */
    public ModelRuntime openRuntime(String project, String name, String reference, Path workDirectory, RuntimeOptions options) {
        ModelVersion version = resolve(project, name, reference);
        return runtimes.open(version.format(), materialize(version, workDirectory), version.signature(), options);
    }

    // ---- aliases

    /** Points {@code alias} at {@code version} and appends the move to the audit log. */
    public AliasEvent setAlias(String project, String name, String alias, int version, String actor, Optional<String> reason) {
        RegistryNames.requireAlias(alias);
        return metadata.inTransaction(handle -> {
            ModelRow model = modelRow(handle, project, name);
            versionRow(handle, model, version);
            return moveAlias(handle, model, alias, Optional.of(version), actor, reason);
        });
    }

    public AliasEvent deleteAlias(String project, String name, String alias, String actor) {
        return metadata.inTransaction(handle -> {
            ModelRow model = modelRow(handle, project, name);
            if (repository.alias(handle, model.id(), alias).isEmpty()) {
                throw KeelException.notFound("alias " + alias + " of model " + name);
            }
            return moveAlias(handle, model, alias, Optional.empty(), actor, Optional.empty());
        });
    }

    /**
     * Moves {@code alias} back to the version it pointed at before its latest move. Fails (INVALID_ARGUMENT) when
     * there is no earlier target or that version has since been deleted.
     */
    public AliasEvent rollback(String project, String name, String alias, String actor) {
        return metadata.inTransaction(handle -> {
            ModelRow model = modelRow(handle, project, name);
            List<AliasEvent> events = repository.aliasEvents(handle, model.id(), name, alias);
            if (events.isEmpty()) {
                throw KeelException.notFound("alias " + alias + " of model " + name);
            }
            AliasEvent last = events.getLast();
            Integer previous = last.fromVersion().orElseThrow(() -> KeelException.invalid("alias " + alias
                    + " of model " + name + " has no previous target to roll back to (history: "
                    + events.size() + " move" + (events.size() == 1 ? "" : "s") + ")"));
            if (repository.findVersion(handle, model.id(), previous).isEmpty()) {
                throw KeelException.invalid("alias " + alias + " of model " + name + ": previous target version "
                        + previous + " has been deleted");
            }
            return moveAlias(handle, model, alias, Optional.of(previous), actor,
                    Optional.of("rollback from " + last.toVersion().map(String::valueOf).orElse("none")));
        });
    }

    /** The audit log of one alias, or of every alias of the model when {@code alias} is empty; oldest first. */
    public List<AliasEvent> history(String project, String name, Optional<String> alias) {
        return metadata.jdbi().withHandle(handle -> repository.aliasEvents(handle, modelRow(handle, project, name).id(), name,
                alias.orElse(null)));
    }

    /** The version {@code alias} pointed at at {@code epochMillis} (inclusive), from the audit log. */
    public Optional<Integer> aliasAt(String project, String name, String alias, long epochMillis) {
        Optional<Integer> target = Optional.empty();
        for (AliasEvent event : history(project, name, Optional.of(alias))) {
            if (event.at() > epochMillis) {
                break;
            }
            target = event.toVersion();
        }
        return target;
    }

    private AliasEvent moveAlias(Handle handle, ModelRow model, String alias, Optional<Integer> to, String actor,
                                 Optional<String> reason) {
        Optional<Integer> from = repository.alias(handle, model.id(), alias);
        long now = clock.millis();
        AliasEvent event = new AliasEvent(model.name(), alias, repository.nextAliasSequence(handle, model.id(), alias),
                from, to, actor, reason, now);
        repository.appendAliasEvent(handle, model.id(), event);
        if (to.isPresent()) {
            repository.putAlias(handle, model.id(), alias, to.get(), now);
        } else {
            repository.removeAlias(handle, model.id(), alias);
        }
        return event;
    }

    // ---- helpers

    private ModelRow modelRow(Handle handle, String project, String name) {
        return repository.findModel(handle, project, name).orElseThrow(() -> KeelException.notFound("model " + name));
    }

    private VersionRow versionRow(Handle handle, ModelRow model, int version) {
        return repository.findVersion(handle, model.id(), version).orElseThrow(() ->
                KeelException.notFound("model " + model.name() + " version " + version));
    }

    private void deleteUnreferencedBlobs(List<String> shas) {
        for (String sha : shas) {
            boolean used = metadata.jdbi().withHandle(handle -> repository.blobReferenced(handle, sha));
            if (!used) {
                blobs.delete(sha);
            }
        }
    }
}
