package dev.keel.cli.tokens;

import dev.keel.cli.CommandOutput;
import dev.keel.cli.KeelCommand;
import dev.keel.client.tokens.CreatedToken;
import dev.keel.client.tokens.TokenInfo;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keel token create|list|revoke}: API token management (admin tokens only). */
@Command(name = "token", description = "Manage API tokens (admin).",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
public final class TokenCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "create", description = "Create a token; its secret is shown once.")
    static final class Create implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "A name saying who or what uses the token.")
        String name;

        @Option(names = "--role", defaultValue = "viewer", description = "viewer (read), editor (write) or admin.")
        String role;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            CreatedToken created = root.client().tokens().create(name, role);
            CommandOutput output = root.output();
            output.object(created, List.of("id", "name", "role", "token"),
                    value -> List.of(created.id(), created.name(), created.role(), created.token()));
            output.message("Store the token now: it cannot be shown again.");
        }
    }

    @Command(name = "list", description = "List tokens (never their secrets).")
    static final class ListTokens implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            List<TokenInfo> tokens = root.client().tokens().list();
            root.output().list(tokens, List.of("id", "name", "role", "created", "last used", "revoked"),
                    t -> Arrays.asList(t.id(), t.name(), t.role(), t.createdAt(), t.lastUsedAt(), t.revokedAt()));
        }
    }

    @Command(name = "revoke", description = "Revoke a token by id or name.")
    static final class Revoke implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID_OR_NAME")
        String token;

        @Override
        public void run() {
            KeelCommand root = KeelCommand.of(spec);
            root.client().tokens().revoke(token);
            root.output().message("revoked " + token);
            if (root.output().format() == dev.keel.cli.OutputFormat.JSON) {
                root.output().printJson(java.util.Map.of("revoked", token));
            }
        }
    }
}
