package dev.keel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.client.KeelClientException;
import dev.keel.core.KeelVersion;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code keel version}: this CLI's version and, when the target server answers, the server's. */
@Command(name = "version", description = "Show the CLI's version and the server's, if reachable.")
final class VersionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        KeelCommand root = KeelCommand.of(spec);
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("client", KeelVersion.current());
        String server;
        try {
            server = root.client().get("/api/v1/version", JsonNode.class).path("version").asText();
        } catch (KeelClientException e) {
            server = e.status() == 0 ? "unreachable (" + root.target().url() + ")" : "unknown (" + e.getMessage() + ")";
        }
        versions.put("server", server);
        CommandOutput output = root.output();
        if (output.format() == OutputFormat.JSON) {
            output.printJson(versions);
        } else {
            output.message("keel " + versions.get("client"));
            output.message("server " + server);
        }
    }

    /** For {@code keel --version}. */
    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"keel " + KeelVersion.current()};
        }
    }
}
