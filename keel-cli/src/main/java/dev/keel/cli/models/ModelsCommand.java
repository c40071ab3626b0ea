package dev.keel.cli.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.cli.KeelCommand;
import dev.keel.cli.OutputFormat;
import dev.keel.client.models.AliasEventInfo;
import dev.keel.client.models.AliasHistory;
import dev.keel.client.models.ModelInfo;
import dev.keel.client.models.ModelVersionInfo;
import dev.keel.client.models.ModelsClient;
import dev.keel.core.error.KeelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keel models …}: the model registry — register, inspect, alias, audit history, rollback. */
@Command(name = "models", aliases = "model", description = "Register models, move aliases, read their history, roll back.",
        subcommands = {ModelsCommand.Register.class, ModelsCommand.ListModels.class, ModelsCommand.Show.class,
                ModelsCommand.Versions.class, ModelsCommand.Alias.class, ModelsCommand.History.class,
                ModelsCommand.Rollback.class, ModelsCommand.Export.class})
public final class ModelsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final List<String> VERSION_HEADERS = List.of("version", "format", "aliases", "sha256", "source", "created by",
            "created");

    static List<?> versionRow(ModelVersionInfo v) {
        return Arrays.asList(v.version(), v.format(), String.join(",", v.aliases()), v.sha256().substring(0, 12), v.source(),
                v.createdBy(), v.createdAt());
    }

    static final List<String> EVENT_HEADERS = List.of("#", "alias", "from", "to", "by", "at", "reason");

    static List<?> eventRow(AliasEventInfo e) {
        return Arrays.asList(e.sequence(), e.alias(), e.fromVersion() == null ? "-" : e.fromVersion(),
                e.toVersion() == null ? "-" : e.toVersion(), e.actor(), e.at(), e.reason() == null ? "" : e.reason());
    }

    static ModelsClient models(KeelCommand root) {
        return new ModelsClient(root.client());
    }

    static void done(KeelCommand root, String message, Object json) {
        if (root.output().format() == OutputFormat.JSON) {
            root.output().printJson(json);
        } else {
            root.output().message(message);
        }
    }

    @Command(name = "register", description = "Register a model file (ONNX, TorchScript with --signature, Keel bundle) "
            + "or a run's model artifact (--run) as a new version.")
    static final class Register implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "FILE", arity = "0..1", description = "Local model file.")
        Path file;

        @Option(names = "--run", paramLabel = "RUN_ID", description = "Register this run's artifact instead of a file.")
        String run;

        @Option(names = "--artifact", defaultValue = "model/model.keel",
                description = "Artifact path with --run (default: where training jobs store the model).")
        String artifact;

        @Option(names = "--format", description = "onnx, torchscript or keel (default: from the file name).")
        String format;

        @Option(names = "--signature", paramLabel = "JSON_FILE",
                description = "Signature {inputs, outputs} as JSON (required for TorchScript).")
        Path signature;

        @Option(names = {"-d", "--description"})
        String description;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            ModelVersionInfo version;
            if (run != null) {
                version = models(root).registerFromRun(name, run, artifact, Optional.ofNullable(description));
            } else if (file != null) {
                version = models(root).registerFile(name, file, Optional.ofNullable(format), readSignature(),
                        Optional.ofNullable(description));
            } else {
                throw KeelException.invalid("FILE: missing (expected: a model file, or --run RUN_ID)");
            }
            done(root, "registered " + name + " version " + version.version() + " (" + version.format() + ", "
                    + version.sha256().substring(0, 12) + ")", version);
        }

        private Optional<JsonNode> readSignature() {
            if (signature == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(new ObjectMapper().readTree(Files.readString(signature)));
            } catch (IOException e) {
                throw KeelException.invalid("--signature: " + signature + " (expected: a readable JSON file; "
                        + e.getMessage() + ")");
            }
        }
    }

    @Command(name = "list", description = "List registered models.")
    static final class ListModels implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--name-contains", defaultValue = "")
        String contains;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            root.output().list(models(root).list(contains), List.of("name", "latest", "aliases", "description", "updated"),
                    m -> Arrays.asList(m.name(), m.latestVersion() == null ? "" : m.latestVersion(), m.aliases(),
                            m.description() == null ? "" : m.description(), m.updatedAt()));
        }
    }

    @Command(name = "show", description = "Show a model, or one version (NAME@VERSION|ALIAS|latest) with its signature.")
    static final class Show implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME[@REF]")
        String target;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            int at = target.indexOf('@');
            if (at < 0) {
                ModelInfo model = models(root).get(target);
                root.output().object(model, List.of("name", "description", "latest version", "aliases", "tags", "created"),
                        m -> Arrays.asList(model.name(), model.description() == null ? "" : model.description(),
                                model.latestVersion() == null ? "" : model.latestVersion(), model.aliases(), model.tags(),
                                model.createdAt()));
                return;
            }
            ModelVersionInfo v = models(root).version(target.substring(0, at), target.substring(at + 1));
            root.output().object(v, List.of("model", "version", "format", "aliases", "sha256", "size", "source", "run",
                    "dataset version", "metrics", "signature", "description", "created by", "created"),
                    x -> Arrays.asList(v.model(), v.version(), v.format(), String.join(",", v.aliases()), v.sha256(),
                            v.size(), v.source(), v.sourceRunId() == null ? "" : v.sourceRunId(),
                            v.datasetVersion() == null ? "" : v.datasetVersion(), v.metrics(), v.signature(),
                            v.description() == null ? "" : v.description(), v.createdBy(), v.createdAt()));
        }
    }

    @Command(name = "versions", description = "List a model's versions, newest first.")
    static final class Versions implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            root.output().list(models(root).versions(name), VERSION_HEADERS, ModelsCommand::versionRow);
        }
    }

    @Command(name = "alias", description = "Point ALIAS at VERSION (or remove it with --delete); every move is logged.")
    static final class Alias implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "ALIAS")
        String alias;

        @Parameters(index = "2", paramLabel = "VERSION", arity = "0..1")
        Integer version;

        @Option(names = "--delete", description = "Remove the alias.")
        boolean delete;

        @Option(names = "--reason")
        String reason;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            if (delete) {
                models(root).deleteAlias(name, alias);
                done(root, "removed " + name + "@" + alias, java.util.Map.of("model", name, "alias", alias));
                return;
            }
            if (version == null) {
                throw KeelException.invalid("VERSION: missing (expected: the version number, or --delete)");
            }
            AliasEventInfo event = models(root).setAlias(name, alias, version, Optional.ofNullable(reason));
            done(root, name + "@" + alias + ": " + (event.fromVersion() == null ? "-" : event.fromVersion()) + " -> "
                    + event.toVersion(), event);
        }
    }

    @Command(name = "history", description = "Alias audit log; with --at, the version the alias pointed to then.")
    static final class History implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--alias")
        String alias;

        @Option(names = "--at", paramLabel = "INSTANT", description = "e.g. 2026-11-17T09:00:00Z (needs --alias).")
        Instant at;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            AliasHistory history = models(root).history(name, Optional.ofNullable(alias), Optional.ofNullable(at));
            if (root.output().format() == OutputFormat.JSON) {
                root.output().printJson(history);
                return;
            }
            root.output().list(history.events(), EVENT_HEADERS, ModelsCommand::eventRow);
            if (at != null) {
                root.output().message(name + "@" + alias + " at " + at + ": "
                        + (history.versionAt() == null ? "(not set)" : "version " + history.versionAt()));
            }
        }
    }

    @Command(name = "rollback", description = "Move ALIAS back to the version it pointed to before its last move.")
    static final class Rollback implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "ALIAS")
        String alias;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            AliasEventInfo event = models(root).rollback(name, alias);
            done(root, name + "@" + alias + " rolled back: " + event.fromVersion() + " -> " + event.toVersion(), event);
        }
    }

    @Command(name = "export", description = "Export a Keel-bundle version to ONNX; the parity gate must pass.")
    static final class Export implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "VERSION|ALIAS")
        String reference;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            ModelVersionInfo version = models(root).export(name, reference);
            done(root, "exported " + name + "@" + reference + " to ONNX as version " + version.version()
                    + " (max |diff| " + version.tags().get("keel.export.maxAbsoluteDeviation") + " <= "
                    + version.tags().get("keel.export.tolerance") + ")", version);
        }
    }
}
