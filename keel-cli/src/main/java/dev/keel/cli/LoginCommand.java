package dev.keel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.client.KeelClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code keel login --url … --token …}: checks the token against the server, then saves both for later commands. */
@Command(name = "login", description = "Check a server URL and token, then save them for later commands.")
final class LoginCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        KeelCommand root = KeelCommand.of(spec);
        ServerTarget target = root.target();
        if (target.token().isEmpty()) {
            throw new IllegalArgumentException("--token: missing (expected: an API token such as keel_…)");
        }
        KeelClient client = KeelClient.create(target.url(), target.token().get());
        JsonNode me = client.get("/api/v1/whoami", JsonNode.class);
        root.configFile().write(new CliConfigFile.Saved(target.url().toString(), target.token().get()));
        CommandOutput output = root.output();
        if (output.format() == OutputFormat.JSON) {
            output.printJson(me);
        } else {
            output.message("logged in to " + target.url() + " as " + me.path("name").asText()
                    + " (" + me.path("role").asText() + "); saved to " + root.configFile().path());
        }
    }
}
